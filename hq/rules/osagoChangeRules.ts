import { z } from 'zod'
import { isOsagoContract } from '../../shared/osago/lifecycle'
import { OSAGO_CHANGE_STATUSES, osagoChangeLifecycle } from '../../shared/osagoChange/lifecycle'
import { firstVerdict, parseJson, present, sameValue, transitionVerdict, unchanged } from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type Verdict } from './types'
import type { RecordData } from '../records'
import { isCalendarDate } from '../../shared/dates/calendarDate'
import { REFUND_PAYOUT_METHODS, refundUnpaid, type ChangeSettlement } from '../../shared/osagoChange/change'

/** Everything an applied change keeps when its refund is paid: only the settlement takes the payout. */
const APPLIED_FIELDS = [
  'policy_id',
  'kind',
  'status',
  'print_form',
  'effective_date',
  'before',
  'after',
  'calculation',
  'amount_kopecks',
  'fee_kopecks',
  'old_blank_id',
  'new_blank_id',
  'new_series',
  'new_number',
  'reason',
  'applied_at',
  'applied_by',
  'created_by',
]

const payoutSchema = z.strictObject({
  method: z.enum(REFUND_PAYOUT_METHODS),
  document: z.string().trim().min(1).max(60),
  paidOn: z.string().refine(isCalendarDate),
  recordedAt: z.string().min(1),
  recordedBy: z.string().min(1),
})

/**
 * The one change an applied change takes (osagoChange/record-refund-payout): the refund it owes, unpaid at HQ, is
 * recorded paid — the settlement as it was plus the payout, by the sender, on a day not before the change was
 * applied (the branch's day is never before the UTC one of `applied_at`). Nothing else changes, and a payout never
 * changes again.
 */
function refundPayoutVerdict(changedBy: string | null, before: RecordData, after: RecordData): Verdict {
  const moved = unchanged(before, after, APPLIED_FIELDS)
  if (moved) return moved
  const was = parseJson(before.settlement) as ChangeSettlement | undefined
  const now = parseJson(after.settlement) as ChangeSettlement | undefined
  if (sameValue(was ?? null, now ?? null)) return null
  if (!was || !refundUnpaid(was)) return reject('immutable-field', { field: 'settlement' })
  const bad = (message: string) => reject('invalid-data', { field: 'settlement.payout', message })
  if (!now || !now.payout) return bad('a refund paid names its payout')
  const { payout, ...rest } = now
  const { payout: _none, ...wasRest } = was
  if (!sameValue(rest, wasRest)) return reject('immutable-field', { field: 'settlement' })
  if (!payoutSchema.safeParse(payout).success) return bad('method, document, day paid, who recorded it')
  if (payout.recordedBy !== changedBy) return reject('author-not-sender', { field: 'settlement.payout.recordedBy' })
  if (payout.paidOn < String(after.applied_at ?? '').slice(0, 10)) return bad('paid on or after the change was applied')
  return null
}

const changeSchema = z.looseObject({
  ...syncedRow,
  policy_id: z.string().min(1),
  kind: z.string().min(1),
  status: z.enum(OSAGO_CHANGE_STATUSES),
  print_form: z.enum(['addendum', 'reissue', 'duplicate']),
  effective_date: z.string().length(10),
  before: documentSchema,
  after: documentSchema,
  amount_kopecks: z.number().int().nullable().optional(),
  fee_kopecks: z.number().int().min(0).nullable().optional(),
  new_blank_id: z.string().nullable().optional(),
})

/**
 * Changes to an issued OSAGO policy and duplicates of lost ones (core/osagoChange): the status machine of
 * shared/osagoChange/lifecycle.ts; the change is about a contract of the same branch (issued or printed); what was
 * the policy before the change never changes, and once applied nothing does but the payout of the refund it owes;
 * an applied re-issue or duplicate
 * names the new blank, which HQ holds as used by the policy (the blank's and the policy's changes travel first in
 * the same outbox transaction).
 */
export const osagoChangeRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(changeSchema, change.after)
    if (bad) return bad
    const after = change.after as z.infer<typeof changeSchema>
    const policy = await ctx.lookup('osago_policy', after.policy_id)
    if (!policy) return defer('subject-unknown', { entity: 'osago_policy' })
    if (policy.branchCode !== ctx.branch.code) return reject('not-owner', {})
    return firstVerdict(
      () => transitionVerdict(osagoChangeLifecycle, change.before ? String(change.before.status) : null, after.status),
      () =>
        change.before ? unchanged(change.before, change.after, ['policy_id', 'kind', 'print_form', 'before']) : null,
      () =>
        change.before?.status === 'applied' ? refundPayoutVerdict(ctx.changedBy, change.before, change.after) : null,
      () =>
        !change.before && !isOsagoContract(policy.data.status)
          ? reject('invalid-data', { field: 'policy_id', message: 'a change is made to an issued policy' })
          : null,
      async () => {
        if (after.status !== 'applied' || after.print_form === 'addendum') return null
        if (!present(after.new_blank_id))
          return reject('invalid-data', { field: 'new_blank_id', message: 'a re-issue or duplicate names its blank' })
        const blank = await ctx.lookup('policy_blank', String(after.new_blank_id))
        if (!blank) return defer('subject-unknown', { entity: 'policy_blank' })
        if (blank.data.policy_id !== after.policy_id)
          return reject('blank-not-used-by-policy', {
            series: String(blank.data.series),
            number: String(blank.data.number),
          })
        return null
      },
    )
  },
}
