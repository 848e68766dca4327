import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, diffDays } from '../dates/calendarDate'
import { renewalStart, renewalWindow } from './rules'

/** Any calendar day between 2000 and 2099. */
const day = fc.integer({ min: 0, max: 36_500 }).map((n) => addDays('2000-01-01', n))

describe('the renewal window (docs/domain/renewal.md#r1)', () => {
  it('accepts exactly the days from `windowDays` before the end through the end', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 366 }), (end, offset, window) => {
        const today = addDays(end, -offset)
        const w = renewalWindow(today, end, window)
        expect(w.ok).toBe(offset >= 0 && offset <= window)
        if (w.ok) expect(w.daysLeft).toBe(offset)
        else if (w.reason === 'tooEarly') {
          expect(offset).toBeGreaterThan(window)
          // The day it opens is itself accepted, the day before it is not.
          expect(renewalWindow(w.opensOn, end, window).ok).toBe(true)
          expect(renewalWindow(addDays(w.opensOn, -1), end, window).ok).toBe(false)
        } else expect(offset).toBeLessThan(0)
      }),
    )
  })

  it('the boundaries of the 60-day window: 60 days ahead and the last day in, 61 days ahead and the next day out', () => {
    expect(renewalWindow('2027-09-22', '2027-11-21', 60)).toEqual({ ok: true, daysLeft: 60 })
    expect(renewalWindow('2027-09-21', '2027-11-21', 60)).toEqual({
      ok: false,
      reason: 'tooEarly',
      opensOn: '2027-09-22',
    })
    expect(renewalWindow('2027-11-21', '2027-11-21', 60)).toEqual({ ok: true, daysLeft: 0 })
    expect(renewalWindow('2027-11-22', '2027-11-21', 60)).toEqual({ ok: false, reason: 'ended' })
  })

  it('a renewal starts the day after the old end, never before today', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (end, offset) => {
        const today = addDays(end, -offset)
        const start = renewalStart(today, end)
        expect(start >= today).toBe(true)
        expect(start === addDays(end, 1) || (start === today && diffDays(addDays(end, 1), today) > 0)).toBe(true)
      }),
    )
  })
})
