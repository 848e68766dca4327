import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../dates/calendarDate'
import { byUrgency, URGENCIES, urgencyOf } from './urgency'

const today = '2026-12-30'

describe('urgency of a date on the radar', () => {
  it('names a deadline overdue, today, this week or later by the days left', () => {
    expect(urgencyOf('due', '2026-12-29', today, 7)).toBe('overdue')
    expect(urgencyOf('due', today, today, 7)).toBe('today')
    expect(urgencyOf('due', '2026-12-31', today, 7)).toBe('week')
    // Across the New Year: seven days on is still «this week», the eighth is later.
    expect(urgencyOf('due', '2027-01-06', today, 7)).toBe('week')
    expect(urgencyOf('due', '2027-01-07', today, 7)).toBe('later')
  })

  it('puts a wait that began on any day (a case to decide, blanks running low) on today', () => {
    expect(urgencyOf('since', '2026-11-01', today, 7)).toBe('today')
    expect(urgencyOf('since', today, today, 7)).toBe('today')
  })

  it('never ranks a later deadline more urgent than an earlier one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 31 }),
        (d, gap, week) => {
          const rank = (x: number) => URGENCIES.indexOf(urgencyOf('due', addDays(today, x), today, week))
          expect(rank(d)).toBeLessThanOrEqual(rank(d + gap))
        },
      ),
    )
  })

  it('sorts most urgent first, then by date, keeping the given order for ties', () => {
    const items = [
      { id: 'a', urgency: 'later' as const, date: '2027-01-20' },
      { id: 'b', urgency: 'today' as const, date: '2026-11-01' },
      { id: 'c', urgency: 'overdue' as const, date: '2026-12-01' },
      { id: 'd', urgency: 'today' as const, date: today },
      { id: 'e', urgency: 'overdue' as const, date: '2026-12-01' },
      { id: 'f', urgency: 'week' as const, date: '2027-01-02' },
    ]
    expect(byUrgency(items).map((i) => i.id)).toEqual(['c', 'e', 'b', 'd', 'f', 'a'])
  })
})
