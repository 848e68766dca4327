import { describe, expect, it } from 'vitest'
import { addDays } from '../../dates/calendarDate'
import { createWorkingDayCalendar, productionCalendarFileSchema } from '../../reference/productionCalendar'
import calendarJson from '../../../resources/reference/production-calendar.json'
import type { WorkingDayCalendar } from '../workingDayCalendar'
import { calendar2025to2026 as cal } from './calendar2025to2026'

describe('test production calendar 2025–2026', () => {
  it('has the 247 working days of 2025 (Decree No. 1335)', () => {
    let n = 0
    for (let d = '2025-01-01'; d <= '2025-12-31'; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++
    expect(n).toBe(247)
  })
  it('knows the transfers', () => {
    expect(cal.isWorkingDay('2025-11-01')).toBe(true) // working Saturday
    expect(cal.isWorkingDay('2025-11-03')).toBe(false)
    expect(cal.isWorkingDay('2026-01-09')).toBe(false) // moved from Saturday 3 January
    expect(cal.isWorkingDay('2026-01-12')).toBe(true)
  })
  it('moves a non-working day to the next working day and counts working days after a date', () => {
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-12')
    expect(cal.nextWorkingDay('2025-12-30')).toBe('2025-12-30')
    expect(cal.addWorkingDays('2025-12-30', 1)).toBe('2026-01-12')
    expect(cal.addWorkingDays('2025-06-10', 2)).toBe('2025-06-16')
  })
  it('refuses dates it has no facts for', () => {
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(RangeError)
  })
  it('agrees with the bundled production calendar on every day of 2025–2026', () => {
    const real: WorkingDayCalendar = createWorkingDayCalendar(productionCalendarFileSchema.parse(calendarJson).data)
    for (let d = '2025-01-01'; d <= '2026-12-15'; d = addDays(d, 1)) {
      expect(cal.isWorkingDay(d), d).toBe(real.isWorkingDay(d))
      expect(cal.nextWorkingDay(d), d).toBe(real.nextWorkingDay(d))
      expect(cal.addWorkingDays(d, 10), d).toBe(real.addWorkingDays(d, 10))
    }
  })
})
