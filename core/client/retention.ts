import { addMonths } from '../../shared/dates/calendarDate'
import type { HomeAttention } from '../../shared/home/contract'
import type { Db } from '../db/openDatabase'
import { countUpTo } from '../db/search'
import type { ReferenceData } from '../reference/loadReferenceData'
import { referenceInForce } from '../reference/loadReferenceData'
import type { AtRestState } from './atRest'

/** Cards past retention are counted up to this; past it the home says «N+». */
const RETENTION_COUNT_BOUND = 1000

/**
 * Active cards whose every record ended more than the retention period ago (152-FZ art. 5 p. 7, art. 21 p. 7;
 * the period is data, `personal-data-rules`): a range of client_retention_idx, never the table. A card's
 * `last_activity_on` is the latest end of its records, so a card with a contract still in force is never counted.
 */
export async function clientsPastRetention(db: Db, today: string, years: number): Promise<number> {
  const cutoff = addMonths(today, -12 * years)
  return countUpTo(
    db,
    db('client').where({ status: 'active' }).where('last_activity_on', '<', cutoff),
    RETENTION_COUNT_BOUND,
  )
}

/**
 * What the branch admin's home says about personal data (docs/domain/personal-data.md): cards kept past their
 * retention period, and the computer's disk not encrypted (or not known to be).
 */
export async function personalDataAttention(
  db: Db,
  reference: ReferenceData,
  today: string,
  atRest: Promise<AtRestState>,
): Promise<HomeAttention[]> {
  const years = referenceInForce(reference, 'personal-data-rules', today).data.retention.yearsAfterLastRecord.value
  const out: HomeAttention[] = []
  const past = await clientsPastRetention(db, today, years)
  if (past)
    out.push({
      key: 'clientsPastRetention',
      section: 'client-retention',
      level: 'warning',
      params: { count: past >= RETENTION_COUNT_BOUND ? `${RETENTION_COUNT_BOUND}+` : past, years },
      at: null,
      reason: null,
    })
  const disk = await atRest
  if (disk.state !== 'encrypted')
    out.push({
      key: disk.state === 'not-encrypted' ? 'diskNotEncrypted' : 'diskEncryptionUnknown',
      section: 'settings',
      level: disk.state === 'not-encrypted' ? 'error' : 'warning',
      params: disk.state === 'not-encrypted' ? { how: disk.how } : { reason: disk.reason },
      at: null,
      reason: null,
    })
  return out
}
