import type ru from '../ru/radar'
import type { LocaleFile } from '../schema'

/** The radar of the branch's dates (issue 17): every date that matters soon, by urgency, and the home's summary. */
export default {
  radar: {
    title: 'Date radar',
    hint: 'The branch’s dates for the next {days} days and everything overdue, most urgent first. A row opens its record.',
    none: 'No dates in the next {days} days.',
    noneFiltered: 'No dates of the chosen kinds.',
    loadFailed: 'Could not load the radar: {message}',
    filter: 'Kinds of dates',
    asOf: 'As of {date}',
    urgency: {
      overdue: 'Overdue',
      today: 'Today',
      week: 'Next {days} days',
      later: 'Later, until {date}',
    },
    kinds: {
      payout: 'Refund payouts',
      coolingOff: 'Cooling-off period',
      instalment: 'CASCO instalments',
      approval: 'Awaiting approval',
      blanksLow: 'Blanks running low',
      diagnosticCard: 'Diagnostic cards',
      renewal: 'Renewals',
    },
    detail: {
      payout: 'Payout of {amount} due {date}',
      payoutUncounted: 'Payout due {date}, amount not calculated yet',
      coolingOff: 'Cooling-off withdrawal until {date} inclusive (contract of {conclusion})',
      instalment: 'Instalment {no} of {count}: {amount}, to pay by {date}',
      approval: 'CASCO case awaiting approval since {date}',
      blanksLow: '{onHand} blanks of the series left (minimum {min})',
      diagnosticCard: 'Diagnostic card valid until {date}, policy until {policyEnd}',
      renewal: '{product}: last day {date}',
      renewalStarted: 'renewal started',
    },
    products: { osago: 'OSAGO', casco: 'CASCO' },
    consequence: {
      payoutLatePenalty: '{days} days late: penalty so far {amount}',
      payoutLateInterest: '{days} days late: interest under Civil Code art. 395 so far {amount}',
      payoutLateUncounted: '{days} days late: calculate the refund — the penalty is accruing',
      instalmentSuspended: 'Cover suspended since {since}',
      instalmentSuspendedEnds: 'Cover suspended since {since}; the contract ends {endsOn}',
      instalmentTerminated: 'Contract ended {on} for non-payment',
    },
    when: {
      today: 'today',
      in: 'in {days} days',
      ago: '{days} days ago',
    },
    home: {
      title: 'Date radar',
      more: 'Whole radar',
      none: 'No urgent dates',
    },
  },
} as const satisfies LocaleFile<typeof ru>
