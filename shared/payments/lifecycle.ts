import { defineLifecycle } from '../lifecycle/lifecycle'
import { DAY_CLOSERS } from './roles'

export const CASH_DAY_STATUSES = ['open', 'closed'] as const
export type CashDayStatus = (typeof CASH_DAY_STATUSES)[number]

/**
 * A business day of the branch's cash (docs/domain/payments.md#cash-day): opened by its first payment (or by its
 * closing when nothing was paid), closed by a supervisor or the branch admin with the day's cash report frozen in
 * it. Closed is final: the day's payments are locked, a later one goes into the next day.
 */
export const cashDayLifecycle = defineLifecycle({
  table: 'cash_day',
  statuses: CASH_DAY_STATUSES,
  editable: { statuses: [] },
  transitions: [
    // The core opens the day with the first payment recorded into it, whatever the channel that took the money.
    { from: null, to: 'open', channel: null, action: 'payments.day-opened' },
    {
      from: 'open',
      to: 'closed',
      channel: 'payments/close-day',
      action: 'payments.day-closed',
      by: DAY_CLOSERS,
      when: 'the report frozen in the row is the one of the day’s payments',
    },
  ],
})
