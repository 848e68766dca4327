import { defineLifecycle } from '../lifecycle/lifecycle'
import { BLANK_STATUSES } from './schemas'

/**
 * A paper policy blank (BSO, core/blanks/blankUse.ts): received available, used once by a policy, spoiled for good
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
  ],
})
