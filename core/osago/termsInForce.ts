import type { Knex } from 'knex'
import { todayIn, type CalendarDate } from '../../shared/dates/calendarDate'
import { readOsagoDraft, type OsagoDraft } from '../../shared/osago/draft'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'

/**
 * An applied change to an issued OSAGO policy (core/osagoChange, table `osago_change`) as the contract in force is
 * built from it: the data after it and, when it was priced, the annual premium it set.
 */
export interface AppliedOsagoChange {
  id: string
  /** ISO timestamp it was applied; `appliedOn` is that day on the branch's calendar. */
  appliedAt: string
  appliedOn: CalendarDate
  after: OsagoDraft
  /** The recalculated annual premium (a change that does not re-price carries the current one), or null (a duplicate). */
  newPremiumKopecks: number | null
}

/** The OSAGO contract's terms in force on a day: its data, periods of use and drivers included, and annual premium. */
export interface OsagoTermsInForce {
  draft: OsagoDraft
  /** The annual premium in force: the last priced change's recalculated premium, or the issued one. */
  premiumKopecks: number
  issuedPremiumKopecks: number
  /** The day the last change in force was applied, or null when the contract stands as issued. */
  changedOn: CalendarDate | null
  /** The changes taken, oldest first. */
  changeIds: string[]
}

/**
 * The single answer to «what is this OSAGO contract on day D» (docs/domain/osago-changes.md#premium): the issued
 * application and premium, then every change applied on or before D in the order applied — each carries the whole
 * data after it, and a priced one the new annual premium. Without D every applied change counts (the policy now).
 * Changes are counted by the day they were applied, not by their effective date: a change made before cover starts
 * takes effect on the start, and the client has paid for it all the same.
 * Used by the change desk (the premium a new change is priced against), the policy's paper (its current data) and
 * the termination desk (the premium and periods a refund is taken from, docs/refund-rules.md).
 */
export function osagoTermsInForce(
  issued: { draft: OsagoDraft; premiumKopecks: number },
  changes: readonly AppliedOsagoChange[],
  on?: CalendarDate,
): OsagoTermsInForce {
  const taken = [...changes]
    .filter((c) => on === undefined || c.appliedOn <= on)
    .sort((a, b) => (a.appliedAt < b.appliedAt ? -1 : a.appliedAt > b.appliedAt ? 1 : a.id < b.id ? -1 : 1))
  let draft = issued.draft
  let premiumKopecks = issued.premiumKopecks
  for (const c of taken) {
    draft = c.after
    if (c.newPremiumKopecks !== null) premiumKopecks = c.newPremiumKopecks
  }
  const last = taken[taken.length - 1]
  return {
    draft,
    premiumKopecks,
    issuedPremiumKopecks: issued.premiumKopecks,
    changedOn: last ? last.appliedOn : null,
    changeIds: taken.map((c) => c.id),
  }
}

interface AppliedRow {
  id: string
  policy_id: string
  applied_at: string | null
  after: string
  calculation: string | null
}

/** The applied changes of each policy named (none for a policy never changed). */
export async function appliedOsagoChanges(
  db: Db | Knex.Transaction,
  policyIds: readonly string[],
): Promise<Map<string, AppliedOsagoChange[]>> {
  const out = new Map<string, AppliedOsagoChange[]>()
  if (policyIds.length === 0) return out
  const rows = (await db('osago_change')
    .select('id', 'policy_id', 'applied_at', 'after', 'calculation')
    .whereIn('policy_id', [...policyIds])
    .where({ status: 'applied' })) as AppliedRow[]
  for (const r of rows) {
    if (!r.applied_at) continue
    const calculation = r.calculation ? (JSON.parse(r.calculation) as { newPremiumKopecks?: unknown }) : null
    const list = out.get(r.policy_id) ?? []
    list.push({
      id: r.id,
      appliedAt: r.applied_at,
      appliedOn: todayIn(BRANCH_TIME_ZONE, new Date(r.applied_at)),
      after: readOsagoDraft(r.after),
      newPremiumKopecks: typeof calculation?.newPremiumKopecks === 'number' ? calculation.newPremiumKopecks : null,
    })
    out.set(r.policy_id, list)
  }
  return out
}
