import { defineLifecycle } from '../lifecycle/lifecycle'

export const OSAGO_CHANGE_STATUSES = ['draft', 'calculated', 'applied', 'discarded'] as const
export type OsagoChangeStatus = (typeof OSAGO_CHANGE_STATUSES)[number]

/**
 * A change to an issued OSAGO policy (core/osagoChange): started on the policy, edited (only what its kind
 * changes), priced, then applied — the policy takes the new data, the payment or refund is recorded, a new blank is
 * used when the kind re-issues the policy — or discarded. A duplicate of a lost policy is created and applied in one
 * transaction.
 * Applied and discarded are final, but for the payout of a refund the applied change owes.
 */
export const osagoChangeLifecycle = defineLifecycle({
  table: 'osago_change',
  statuses: OSAGO_CHANGE_STATUSES,
  editable: { statuses: ['draft', 'calculated'] },
  transitions: [
    { from: null, to: 'draft', channel: 'osagoChange/start-change', action: 'osago.change-started' },
    { from: 'draft', to: 'draft', channel: 'osagoChange/save-change', action: 'osago.change-saved' },
    { from: 'calculated', to: 'draft', channel: 'osagoChange/save-change', action: 'osago.change-saved' },
    { from: 'draft', to: 'calculated', channel: 'osagoChange/calculate-change', action: 'osago.change-calculated' },
    {
      from: 'calculated',
      to: 'calculated',
      channel: 'osagoChange/calculate-change',
      action: 'osago.change-calculated',
    },
    {
      from: 'calculated',
      to: 'applied',
      channel: 'osagoChange/apply-change',
      action: 'osago.change-applied',
      when: 'the payment of an additional premium equals it; the policy is still issued or printed',
    },
    // The refund a change owes, paid after it was applied: only the settlement takes the payout.
    {
      from: 'applied',
      to: 'applied',
      channel: 'osagoChange/record-refund-payout',
      action: 'osago.change-refund-paid',
      when: 'a refund is due on the change and not yet paid',
    },
    { from: 'draft', to: 'discarded', channel: 'osagoChange/discard-change', action: 'osago.change-discarded' },
    { from: 'calculated', to: 'discarded', channel: 'osagoChange/discard-change', action: 'osago.change-discarded' },
    // A duplicate is recorded and applied in one transaction: created, then applied with its blanks.
    { from: null, to: 'draft', channel: 'osagoChange/issue-duplicate', action: 'osago.duplicate-issued' },
    {
      from: 'draft',
      to: 'applied',
      channel: 'osagoChange/issue-duplicate',
      action: 'osago.duplicate-issued',
      when: 'the old blank is recorded lost and a new blank used',
    },
  ],
})
