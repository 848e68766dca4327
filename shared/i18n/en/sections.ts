import type ru from '../ru/sections'
import type { LocaleFile } from '../schema'

/** Section placeholders on the home screen. */
export default {
  sections: {
    comingTitle: 'Coming soon',
    comingText: 'What this section will hold:',
    osago: {
      title: 'OSAGO at the counter',
      items: [
        'Application for first-time clients',
        'Validation while typing',
        'Premium with its coefficient breakdown',
        'Issue on a paper blank and printing',
      ],
    },
    casco: {
      title: 'CASCO',
      items: [
        'Quote options side by side',
        'Programs and promotions with their conditions',
        'Payment schedule',
        'Contract and printing',
      ],
    },
    inspections: {
      title: 'Inspections',
      items: [
        'Offline vehicle inspection report',
        'Photos by checklist',
        'Damage on the car diagram',
        'Inspector and client signatures',
      ],
    },
    approvals: {
      title: 'Approvals',
      items: ['Approval queue', 'Underwriting checks that fired', 'Approve, approve with conditions, return, reject'],
    },
    terminations: {
      title: 'Terminations and refunds',
      items: [
        'Early termination and cooling-off applications',
        'Refund by the rules',
        'Documents checklist and payout deadlines',
      ],
    },
    blanks: { title: 'Policy blanks', items: ['Receiving blank ranges', 'Issue, spoil, stock report'] },
    sync: {
      title: 'Sync with HQ',
      items: ['Enrol this device with HQ', 'Push and pull changes', 'Rejected and conflicting records'],
    },
  },
} satisfies LocaleFile<typeof ru>
