import { z } from 'zod'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { osagoApplicationVerdict, osagoRenewalVerdict } from './osagoRules'
import { reject, type EntityRule } from './types'
import { transitionVerdict } from './ruleKit'
import { BLANK_STATUSES } from '../../shared/blanks/schemas'
import { blanksLifecycle } from '../../shared/blanks/lifecycle'
import { OSAGO_STATUSES } from '../../shared/osago/policy'
import { isOsagoContract, osagoLifecycle } from '../../shared/osago/lifecycle'

const blankSchema = z.looseObject({
  ...syncedRow,
  series: z.string().min(1),
  number: z.string().min(1),
  status: z.enum(BLANK_STATUSES),
  policy_id: z.string().nullable().optional(),
  spoiled_reason: z.string().nullable().optional(),
  lost_reason: z.string().nullable().optional(),
})

export const policyBlankRule: EntityRule = {
  check(_ctx, change) {
    const bad = checkSchema(blankSchema, change.after)
    if (bad) return bad
    const after = change.after as z.infer<typeof blankSchema>
    if (after.status === 'used' && !after.policy_id)
      return reject('invalid-data', { field: 'policy_id', message: 'a used blank names its policy' })
    if (after.status === 'spoiled' && !after.spoiled_reason)
      return reject('invalid-data', { field: 'spoiled_reason', message: 'a spoiled blank keeps its reason' })
    if (after.status === 'lost' && (!after.policy_id || !after.lost_reason))
      return reject('invalid-data', { field: 'lost_reason', message: 'a lost blank keeps its policy and reason' })
    // A blank is used once and spoiled for good (shared/blanks/lifecycle.ts; the branch database's trigger too).
    const moved = transitionVerdict(blanksLifecycle, change.before ? String(change.before.status) : null, after.status)
    if (moved) return moved
    if (change.before) {
      const from = String(change.before.status)
      if (from !== 'available' && change.before.policy_id !== after.policy_id) {
        return reject('bad-transition', { from, to: after.status })
      }
      if (change.before.series !== after.series || change.before.number !== after.number) {
        return reject('immutable-field', { field: 'number' })
      }
    }
    return null
  },
  // Series and number identify a paper blank across the whole company: two branches can never hold the same one.
  naturalKey: (data) => `${String(data.series)} ${String(data.number)}`,
}

const osagoSchema = z.looseObject({
  ...syncedRow,
  status: z.enum(OSAGO_STATUSES),
  // The previous version's row carried its documents; today's is the hot row (documents in osago_document).
  draft: documentSchema.optional(),
  blank_id: z.string().nullable().optional(),
  premium_kopecks: z.number().int().nullable().optional(),
})

/**
 * OSAGO contracts: the status machine (shared/osago/lifecycle.ts), the application's owner rules and the policy a
 * renewal names (osagoRules.ts), and the blank a policy is
 * issued on must be this branch's and must record this policy as its user (the blank's own change travels first in
 * the same outbox transaction).
 */
export const osagoPolicyRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(osagoSchema, change.after)
    if (bad) return bad
    const after = change.after as z.infer<typeof osagoSchema>
    const moved = transitionVerdict(osagoLifecycle, change.before ? String(change.before.status) : null, after.status)
    if (moved) return moved
    const application = await osagoApplicationVerdict(ctx, change.id, change.before, change.after)
    if (application) return application
    const renewal = await osagoRenewalVerdict(ctx, change)
    if (renewal) return renewal
    if (isOsagoContract(after.status) && !after.blank_id) {
      return reject('invalid-data', { field: 'blank_id', message: 'an issued policy is on a blank' })
    }
    if (after.blank_id && after.blank_id !== change.before?.blank_id) {
      const blank = await ctx.lookup('policy_blank', after.blank_id)
      if (!blank) return reject('blank-unknown', {})
      if (blank.branchCode !== ctx.branch.code)
        return reject('blank-other-branch', { series: String(blank.data.series), number: String(blank.data.number) })
      if (blank.data.status !== 'used' || blank.data.policy_id !== change.id) {
        return reject('blank-not-used-by-policy', {
          series: String(blank.data.series),
          number: String(blank.data.number),
        })
      }
    }
    return null
  },
  // A policy number exists once in the company (it is its blank's); also how another branch finds the contract.
  naturalKey: (data) =>
    data.policy_number ? `${String(data.policy_series ?? '')} ${String(data.policy_number)}` : null,
}
