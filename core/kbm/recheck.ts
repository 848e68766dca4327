import type { Knex } from 'knex'
import type { KbmRecheck, KbmRecheckResult } from '../../shared/kbm/contract'
import { kbmOnDraft, uncheckedSubjects } from '../../shared/kbm/draftKbm'
import { addDays, todayIn } from '../../shared/dates/calendarDate'
import { readOsagoDraft } from '../../shared/osago/draft'
import { OSAGO_CONTRACT_STATUSES } from '../../shared/osago/lifecycle'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { SYSTEM_ACTOR, write } from '../db/write'
import type { SyncEngine } from '../sync/api'
import { askHqForKbm } from './askHq'

export interface RecheckRow {
  policy_id: string
  checked_at: string
  differs: number
  results: string
  dismissed_at: string | null
  dismissed_by: string | null
  dismiss_reason: string | null
}

export function toRecheck(row: RecheckRow, dismissedByName: string | null = null): KbmRecheck {
  return {
    policyId: row.policy_id,
    checkedAt: row.checked_at,
    differs: row.differs === 1,
    results: JSON.parse(row.results) as KbmRecheckResult[],
    dismissed: row.dismissed_at
      ? { at: row.dismissed_at, byName: dismissedByName, reason: row.dismiss_reason ?? '' }
      : null,
  }
}

export async function findRecheckRow(db: Db | Knex.Transaction, policyId: string): Promise<RecheckRow | undefined> {
  return (await db('kbm_recheck').where({ policy_id: policyId }).first()) as RecheckRow | undefined
}

export async function findRecheck(db: Db, policyId: string): Promise<KbmRecheck | null> {
  const row = await findRecheckRow(db, policyId)
  if (!row) return null
  const by = row.dismissed_by
    ? ((await db('staff').where({ id: row.dismissed_by }).first('full_name')) as { full_name: string } | undefined)
    : undefined
  return toRecheck(row, by?.full_name ?? null)
}

/**
 * The statement that picks the policies due: the day expression is the one the OSAGO indexes on the day hold
 * (osago_day_idx, osago_status_day_updated_idx), so the window is a range of one of them per status, not a walk over
 * every policy in force (core/kbm/kbm.test.ts checks the plan); the few in the window are sorted, newest first.
 */
export function dueForRecheck(db: Db, today: string, limit: number, windowDays: number) {
  const day = 'coalesce(p.conclusion_date, substr(p.created_at, 1, 10))'
  return db('osago_policy as p')
    .join('osago_document as d', 'd.id', 'p.id')
    .leftJoin('kbm_recheck as k', 'k.policy_id', 'p.id')
    .whereRaw(`${day} >= ?`, [addDays(today, -windowDays)])
    .whereIn('p.status', OSAGO_CONTRACT_STATUSES)
    .whereNull('p.terminated_on')
    .whereNull('k.policy_id')
    .where('p.end_date', '>=', today)
    .orderByRaw(`${day} desc`)
    .limit(limit)
    .select('p.id', 'd.draft')
}

/**
 * Issued policies in force, concluded within the rules' `windowDays` (reference data `kbm-rules`), not re-checked
 * yet, newest first, at most `perRun`: a policy issued with a class the clerk typed (HQ out of reach at the counter) is asked about once, after
 * a successful sync
 * (docs/domain/kbm-check.md#re-check-after-sync). A policy whose every class the register confirmed at the counter
 * is recorded without a request. The answer is stored with its request ids and flags the policy when a class differs;
 * the issued policy itself is never changed (its premium stands: a change to it is the clerk's decision).
 * HQ out of reach stops the run quietly: the rest waits for the next sync. Returns how many policies were recorded.
 */
export async function recheckIssuedPolicies(
  db: Db,
  engine: Pick<SyncEngine, 'hqClientIfEnrolled'>,
  now: Date,
  timeZone: string,
  settings: { windowDays: number; perRun: number },
): Promise<number> {
  const due = (await dueForRecheck(db, todayIn(timeZone, now), settings.perRun, settings.windowDays)) as Array<{
    id: string
    draft: string
  }>
  let recorded = 0
  for (const policy of due) {
    const draft = readOsagoDraft(policy.draft)
    const subjects = uncheckedSubjects(draft)
    let results: KbmRecheckResult[] = []
    if (subjects.length > 0) {
      try {
        const answers = await askHqForKbm(engine, subjects)
        results = answers.map((a) => ({
          ref: a.ref,
          typedClass: kbmOnDraft(draft, a.ref)?.class ?? '',
          class: a.class,
          requestId: a.requestId,
          checkedAt: a.checkedAt,
          found: a.found,
        }))
      } catch (e) {
        // Out of reach, busy, not enrolled: the next successful sync tries again.
        if (e instanceof AppError) return recorded
        throw e
      }
    }
    const differs = results.some((r) => r.class !== r.typedClass)
    await write(db, SYSTEM_ACTOR, 'kbm.rechecked', now, async (w) => {
      await w.trx('kbm_recheck').insert({
        policy_id: policy.id,
        checked_at: now.toISOString(),
        differs: differs ? 1 : 0,
        results: JSON.stringify(results),
      })
      await w.audit('kbm.rechecked', 'osago_policy', policy.id, null, { differs, results })
    })
    recorded++
  }
  return recorded
}
