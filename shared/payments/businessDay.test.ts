import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, todayIn } from '../dates/calendarDate'
import { businessDayOf } from './businessDay'

const MSK = 'Europe/Moscow'

describe('the business day of a payment', () => {
  it('is the date in the branch’s time zone, not UTC', () => {
    // 22:30 UTC on the 6th is 01:30 on the 7th in Moscow; 20:59 UTC is still the 6th.
    expect(businessDayOf(new Date('2026-12-06T22:30:00Z'), MSK, () => false)).toBe('2026-12-07')
    expect(businessDayOf(new Date('2026-12-06T20:59:00Z'), MSK, () => false)).toBe('2026-12-06')
    expect(businessDayOf(new Date('2026-12-06T22:30:00Z'), 'Asia/Vladivostok', () => false)).toBe('2026-12-07')
    expect(businessDayOf(new Date('2026-12-06T13:30:00Z'), 'Asia/Vladivostok', () => false)).toBe('2026-12-06')
    expect(businessDayOf(new Date('2026-12-06T14:30:00Z'), 'Asia/Vladivostok', () => false)).toBe('2026-12-07')
  })

  it('after closing is the next day that is not closed', () => {
    const closed = new Set(['2026-12-06', '2026-12-07'])
    expect(businessDayOf(new Date('2026-12-06T20:50:00Z'), MSK, (d) => closed.has(d))).toBe('2026-12-08')
    expect(businessDayOf(new Date('2026-12-05T20:50:00Z'), MSK, (d) => closed.has(d))).toBe('2026-12-05')
  })

  it('property: never before the local date, never a closed day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }),
        fc.array(fc.integer({ min: -3, max: 5 }), { maxLength: 6 }),
        (at, offsets) => {
          const local = todayIn(MSK, at)
          const closed = new Set(offsets.map((o) => addDays(local, o)))
          const day = businessDayOf(at, MSK, (d) => closed.has(d))
          expect(day >= local).toBe(true)
          expect(closed.has(day)).toBe(false)
          for (let d = local; d < day; d = addDays(d, 1)) expect(closed.has(d)).toBe(true)
        },
      ),
    )
  })
})
