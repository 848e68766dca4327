import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { latePenaltyKopecks } from './latePenalty'
import { bundledRules as rules } from './testing/rules'

describe('late payout penalty (1 % a day, seed 004)', () => {
  it('nothing when paid on or before the due date', () => {
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-14', rules)).toBe(0)
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-01', rules)).toBe(0)
  })
  it('one per cent of the amount due for each day after the due date, rounded half-up once', () => {
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-15', rules)).toBe(5_801) // 5 801.37
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-17', rules)).toBe(17_404) // 17 404.11
    expect(latePenaltyKopecks(50, '2025-04-14', '2025-04-15', rules)).toBe(1) // 0.5 kopeck rounds up
  })
  it('counts calendar days across a month end', () => {
    expect(latePenaltyKopecks(100_000, '2025-01-30', '2025-02-02', rules)).toBe(3_000)
  })
  it('grows with every day of delay and is exact for whole-rouble amounts', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 400 }), (amount, days) => {
      const due = '2025-03-01'
      const p = latePenaltyKopecks(amount, due, addDays(due, days), rules)
      expect(latePenaltyKopecks(amount, due, addDays(due, days + 1), rules)).toBeGreaterThanOrEqual(p)
      expect(latePenaltyKopecks(amount * 100, due, addDays(due, days), rules)).toBe(amount * days)
    }))
  })
})
