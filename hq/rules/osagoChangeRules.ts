import { z } from 'zod'
import { isOsagoContract } from '../../shared/osago/lifecycle'
import { OSAGO_CHANGE_STATUSES, osagoChangeLifecycle } from '../../shared/osagoChange/lifecycle'
import { firstVerdict, present, transitionVerdict, unchanged } from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule } from './types'

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
 * the policy before the change never changes, and once applied nothing does; an applied re-issue or duplicate
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
