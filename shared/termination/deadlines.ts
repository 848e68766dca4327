import { addDays, type CalendarDate } from '../dates/calendarDate'
import type { Deadline } from './rulesSchema'
import type { WorkingDayCalendar } from './workingDayCalendar'

/** Last day of a deadline that starts running on the day after `from` (GK RF art. 191). */
export function deadlineDate(from: CalendarDate, deadline: Deadline, calendar: WorkingDayCalendar): CalendarDate {
  if (deadline.unit === 'working-days') return calendar.addWorkingDays(from, deadline.count)
  const last = addDays(from, deadline.count)
  return deadline.lastDayNonWorking === 'next-working-day' ? calendar.nextWorkingDay(last) : last
}
