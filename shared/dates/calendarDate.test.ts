import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addDays,
  addMonths,
  daysInclusive,
  diffDays,
  fromDayNumber,
  fullYearsBetween,
  isCalendarDate,
  isoWeekday,
  toDayNumber,
} from './calendarDate'

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-02-29')).toBe(false)
    expect(isCalendarDate('2025-13-01')).toBe(false)
    expect(isCalendarDate('25-01-01')).toBe(false)
  })
  it('adds months clamping to the last day', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28')
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15')
  })
  it('counts days and weekdays', () => {
    expect(diffDays('2025-12-01', '2025-12-15')).toBe(14)
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365)
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366)
    expect(isoWeekday('2025-12-15')).toBe(1)
    expect(isoWeekday('2026-11-22')).toBe(7)
  })
  it('counts full years with the anniversary as a full year', () => {
    expect(fullYearsBetween('2000-06-15', '2025-06-14')).toBe(24)
    expect(fullYearsBetween('2000-06-15', '2025-06-15')).toBe(25)
    expect(fullYearsBetween('2000-02-29', '2025-02-28')).toBe(24)
  })
  it('round-trips day numbers', () => {
    fc.assert(fc.property(fc.integer({ min: -40000, max: 60000 }), (n) => toDayNumber(fromDayNumber(n)) === n))
  })
  it('addDays and diffDays agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: -5000, max: 5000 }), (n, k) => {
        const d = fromDayNumber(n)
        return diffDays(d, addDays(d, k)) === k
      }),
    )
  })
})
