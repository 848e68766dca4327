import type { CalendarDate } from '../dates/calendarDate'

/**
 * What the refund calculator needs from the production calendar. It is a parameter, not an import, so the
 * calculator stays pure and tests can run against a calendar built from known holiday facts; the app passes
 * `createWorkingDayCalendar(...)` from `shared/reference/productionCalendar.ts`, whose semantics these match — it
 * answers for every date, counting a year no decree covers by the Labour Code, so a calculation never stops on it.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: CalendarDate): boolean
  /** `date` itself when it is a working day, otherwise the first working day after it (GK RF art. 193). */
  nextWorkingDay(date: CalendarDate): CalendarDate
  /** The n-th working day after `date`, not counting `date` itself (GK RF art. 191). */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate
}
