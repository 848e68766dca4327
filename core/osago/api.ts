import type { CalendarDate } from '../../shared/dates/calendarDate'
import type { OsagoDraft } from '../../shared/osago/draft'
import type { Db } from '../db/openDatabase'
import { appliedOsagoChanges, osagoTermsInForce } from './termsInForce'

/** What other parts of the core may use from core/osago (scripts/featureBoundaries.test.ts). */
// The global search (core/search) asks each feature for its own hits.
export { searchOsago } from './osagoSearch'
// A renewal (core/renewal) starts a new draft from the expiring policy's and answers it as the form reads a policy.
export { findOsagoRecord, searchColumns as osagoSearchColumns, toPolicy } from './osagoRows'
// A change to an issued policy and a duplicate (core/osagoChange) read the policy, price its changed data on the
// conclusion date's tariff and move it onto a new blank.
export { policyNumberSearch } from './osagoRows'
export { priceOsago } from './osagoPricing'
// The KBM check (core/kbm) writes the register's answers into a draft as a save would, and reads issued policies.
export { saveDraftWithKbmAnswers } from './kbmDraft'
export { loadOsagoPolicy } from './osagoRows'
// The contract as in force on a day (its data and annual premium after the applied changes): the change desk prices
// against it, the termination desk refunds from it.
export { appliedOsagoChanges, osagoTermsInForce } from './termsInForce'
export type { AppliedOsagoChange, OsagoTermsInForce } from './termsInForce'

/** A diagnostic card that ends while its policy is in force (the radar of the branch's dates, core/radar). */
export interface DiagnosticCardEnding {
  policyId: string
  policyNumber: string | null
  client: string | null
  plate: string | null
  validUntil: CalendarDate
  policyEndDate: CalendarDate
}

/**
 * The policies in force on `today` whose vehicle's diagnostic card ends by `until` and before the policy does — the
 * card as the policy's paper prints it: the issued application, or the data after the applied changes
 * (osagoTermsInForce). The candidates are osago_card_watch's rows from today on (migration 20261206000008, kept by
 * triggers): the policies whose card as issued ends before the policy, and those with applied changes — not every
 * policy in force and its document (1.6 s at 1,000,000 contracts). The changes only of the policies that have any.
 */
export async function diagnosticCardsEnding(
  db: Db,
  today: CalendarDate,
  until: CalendarDate,
): Promise<DiagnosticCardEnding[]> {
  const rows = (await db.raw(
    `select p.id, p.policy_series || ' ' || p.policy_number as number, p.insured_name as client,
       coalesce(p.plate, p.vin) as plate, p.end_date, w.valid_until, w.changed
     from osago_card_watch w join osago_policy p on p.id = w.policy_id
     where w.end_date >= ? and (w.valid_until <= ? or w.changed)
       and +p.status in ('issued', 'printed') and p.terminated_on is null`,
    [today, until],
  )) as Array<{
    id: string
    number: string | null
    client: string | null
    plate: string | null
    end_date: CalendarDate
    valid_until: CalendarDate | null
    changed: number
  }>
  const changed = rows.filter((r) => r.changed)
  const changes = await appliedOsagoChanges(
    db,
    changed.map((r) => r.id),
  )
  const inForce = new Map<string, CalendarDate | null>()
  for (const r of changed) {
    const doc = (await db('osago_document').where({ id: r.id }).first('draft')) as { draft: string } | undefined
    if (!doc) continue
    const terms = osagoTermsInForce(
      { draft: JSON.parse(doc.draft) as OsagoDraft, premiumKopecks: 0 },
      changes.get(r.id) ?? [],
    )
    inForce.set(r.id, terms.draft.vehicle.diagnosticCard?.validUntil ?? null)
  }
  const out: DiagnosticCardEnding[] = []
  for (const r of rows) {
    const validUntil = r.changed ? (inForce.get(r.id) ?? null) : r.valid_until
    if (!validUntil || validUntil > until || validUntil >= r.end_date) continue
    out.push({
      policyId: r.id,
      policyNumber: r.number,
      client: r.client,
      plate: r.plate,
      validUntil,
      policyEndDate: r.end_date,
    })
  }
  return out.sort((a, b) => a.validUntil.localeCompare(b.validUntil))
}
