import { defineLifecycle } from '../lifecycle/lifecycle'
import { BLANK_STATUSES } from './schemas'

/**
 * A paper policy blank (BSO, core/blanks/blankUse.ts): received available, used once by a policy, spoiled for good
 * (or lost, for good, when the client lost the policy printed on it and a duplicate is issued)
 * — from stock (damaged) or, when its policy is reissued on a new blank, used. The branch database keeps the same
 * machine by trigger. A blank is never edited: nothing but these moves changes it.
 */
export const blanksLifecycle = defineLifecycle({
  table: 'policy_blank',
  statuses: BLANK_STATUSES,
  editable: { statuses: [] },
  transitions: [
    { from: null, to: 'available', channel: 'blanks/receive-range', action: 'blank.received' },
    { from: 'available', to: 'used', channel: 'osago/issue-policy', action: 'osago.issued' },
    { from: 'available', to: 'used', channel: 'osago/reissue-on-new-blank', action: 'osago.reissued-on-new-blank' },
    { from: 'available', to: 'spoiled', channel: 'blanks/spoil-blank', action: 'blank.spoiled' },
    { from: 'used', to: 'spoiled', channel: 'osago/reissue-on-new-blank', action: 'osago.reissued-on-new-blank' },
    // A change re-issued on a new blank (core/osagoChange): the new one used, the old one spoiled.
    { from: 'available', to: 'used', channel: 'osagoChange/apply-change', action: 'osago.change-applied' },
    { from: 'used', to: 'spoiled', channel: 'osagoChange/apply-change', action: 'osago.change-applied' },
    // A duplicate of a lost policy: the new blank used, the one the client lost recorded lost, for good.
    { from: 'available', to: 'used', channel: 'osagoChange/issue-duplicate', action: 'osago.duplicate-issued' },
    { from: 'used', to: 'lost', channel: 'osagoChange/issue-duplicate', action: 'osago.duplicate-issued' },
  ],
})
