import { addDays, daysInclusive, isoWeekday, type CalendarDate } from '../../dates/calendarDate'
import type { WorkingDayCalendar } from '../workingDayCalendar'

/**
 * Test double of the production calendar, built only from the 2025–2026 facts in
 * docs/domain/calendar-and-deadlines.md#d6 (decrees No. 1335 of 04.10.2024 and No. 1466 of 24.09.2025), so refund tests
 * do not depend on the data file. Dates outside those years throw: a test that strays there would otherwise pass on an
 * invented calendar.
 */
const NON_WORKING_PERIODS: ReadonlyArray<readonly [CalendarDate, CalendarDate]> = [
  ['2025-01-01', '2025-01-08'],
  ['2025-02-22', '2025-02-23'],
  ['2025-03-08', '2025-03-09'],
  ['2025-05-01', '2025-05-04'],
  ['2025-05-08', '2025-05-11'],
  ['2025-06-12', '2025-06-15'],
  ['2025-11-02', '2025-11-04'],
  ['2025-12-31', '2026-01-11'],
  ['2026-02-21', '2026-02-23'],
  ['2026-03-07', '2026-03-09'],
  ['2026-05-01', '2026-05-03'],
  ['2026-05-09', '2026-05-11'],
  ['2026-06-12', '2026-06-14'],
  ['2026-11-04', '2026-11-04'],
  ['2026-12-31', '2026-12-31'],
]
/** Saturday 1 November 2025 was a working day (its day off moved to 3 November). */
const WORKING_WEEKENDS = new Set<CalendarDate>(['2025-11-01'])

const NON_WORKING = new Set<CalendarDate>(
  NON_WORKING_PERIODS.flatMap(([from, to]) =>
    Array.from({ length: daysInclusive(from, to) }, (_, i) => addDays(from, i)),
  ),
)

function isWorkingDay(date: CalendarDate): boolean {
  if (date < '2025-01-01' || date > '2026-12-31') throw new RangeError(`test calendar covers 2025–2026 only: ${date}`)
  if (WORKING_WEEKENDS.has(date)) return true
  return !NON_WORKING.has(date) && isoWeekday(date) <= 5
}

function nextWorkingDay(date: CalendarDate): CalendarDate {
  let d = date
  while (!isWorkingDay(d)) d = addDays(d, 1)
  return d
}

export const calendar2025to2026: WorkingDayCalendar = {
  isWorkingDay,
  nextWorkingDay,
  addWorkingDays(date, n) {
    let d = date
    for (let left = n; left > 0;) {
      d = addDays(d, 1)
      if (isWorkingDay(d)) left -= 1
    }
    return d
  },
}
