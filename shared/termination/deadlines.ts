import { addDays, type CalendarDate } from '../dates/calendarDate'
import type { Deadline } from './rulesSchema'
import type { WorkingDayCalendar } from './workingDayCalendar'

/**
 * Last day of a deadline that starts running on the day after `from` (GK RF art. 191). A count in working days ends on
 * a working day by construction; a count in calendar days ending on a non-working day moves to the next working day
 * when the data says `next-working-day` (GK RF art. 193) — every deadline the bundled rules hold does (deadlines.test.ts).
 * The calendar answers for any year: a year no decree covers is counted by the Labour Code (TK RF art. 112).
 */
export function deadlineDate(from: CalendarDate, deadline: Deadline, calendar: WorkingDayCalendar): CalendarDate {
  if (deadline.unit === 'working-days') return calendar.addWorkingDays(from, deadline.count)
  const last = addDays(from, deadline.count)
  return deadline.lastDayNonWorking === 'next-working-day' ? calendar.nextWorkingDay(last) : last
}
