import { addDays, todayIn, type CalendarDate } from '../dates/calendarDate'

/**
 * The business day a payment belongs to (docs/domain/payments.md#cash-day): the calendar date of `paidAt` in the
 * branch's time zone, unless that day's cash is already closed — then the next day that is not (a refund paid after
 * closing goes into the next day's cash book, Указание ЦБ № 3210-У п. 4.6: entries after the day's closing are the
 * next day's). `isClosed` answers for the branch's own days.
 */
export function businessDayOf(paidAt: Date, timeZone: string, isClosed: (day: CalendarDate) => boolean): CalendarDate {
  let day = todayIn(timeZone, paidAt)
  // Days close one after another, so a run of closed days is short; the bound only guards a broken predicate.
  for (let i = 0; i < 366 && isClosed(day); i++) day = addDays(day, 1)
  return day
}
