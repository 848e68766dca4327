import { addDays, isoWeekday, type CalendarDate } from '../../dates/calendarDate'
import type { WorkingDayCalendar } from '../workingDayCalendar'

/**
 * Test double for dates far from the decreed calendars (limitation periods three years on, property tests over
 * many years): Saturdays and Sundays off, no holidays. Tests that are about holidays use `calendar2025to2026`.
 */
function isWorkingDay(date: CalendarDate): boolean {
  return isoWeekday(date) <= 5
}

export const weekendCalendar: WorkingDayCalendar = {
  isWorkingDay,
  nextWorkingDay(date) {
    let d = date
    while (!isWorkingDay(d)) d = addDays(d, 1)
    return d
  },
  addWorkingDays(date, n) {
    let d = date
    for (let left = n; left > 0;) {
      d = addDays(d, 1)
      if (isWorkingDay(d)) left -= 1
    }
    return d
  },
}
