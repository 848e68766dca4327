import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import keyRateJson from '../../resources/reference/key-rate.json'
import { addDays, daysInclusive, isLeapYear } from '../dates/calendarDate'
import { keyRateFileSchema, type KeyRateTable } from './keyRate'
import { latePayoutAmount, latePayoutBasis, latePenaltyKopecks, type LatePayoutBasis } from './latePenalty'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'

const keyRates = keyRateFileSchema.parse(keyRateJson).data
const penalty = latePayoutBasis(rules, bundledRulesFile.version)
const interestRules = rulesWith((r) => {
  r.latePayout.consequence.value = 'statutory-interest'
})
const interest = latePayoutBasis(interestRules, 'test')

describe('late payout penalty (1 % a day, seed 004)', () => {
  it('nothing when paid on or before the due date', () => {
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-14', rules)).toBe(0)
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-01', rules)).toBe(0)
    expect(latePayoutAmount(580_137, '2025-04-14', '2025-04-14', penalty, null)).toMatchObject({
      daysLate: 0,
      amountKopecks: 0,
      segments: [],
    })
  })
  it('one per cent of the amount due for each day after the due date, rounded half-up once', () => {
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-15', rules)).toBe(5_801) // 5 801.37
    expect(latePenaltyKopecks(580_137, '2025-04-14', '2025-04-17', rules)).toBe(17_404) // 17 404.11
    expect(latePenaltyKopecks(50, '2025-04-14', '2025-04-15', rules)).toBe(1) // 0.5 kopeck rounds up
    expect(latePayoutAmount(580_137, '2025-04-14', '2025-04-17', penalty, null)).toMatchObject({
      consequence: 'contractual-penalty',
      daysLate: 3,
      amountKopecks: 17_404,
      segments: [{ from: '2025-04-15', to: '2025-04-17', days: 3, percent: '1', daysInYear: null }],
    })
  })
  it('counts calendar days across a month end', () => {
    expect(latePenaltyKopecks(100_000, '2025-01-30', '2025-02-02', rules)).toBe(3_000)
  })
  it('is the default and says so: seed 004, applied by analogy with 40-FZ art. 12 p. 21, unverified', () => {
    expect(penalty).toEqual({
      consequence: 'contractual-penalty',
      ratePerDay: '0.01',
      rulesVersion: bundledRulesFile.version,
      unverifiedRules: ['latePayout.consequence', 'latePayout.penaltyRatePerDay'],
    })
    expect(rules.latePayout.penaltyRatePerDay.source).toMatch(/seed 004/)
    expect(rules.latePayout.penaltyRatePerDay.source).toMatch(/40-FZ art\. 12 p\. 21/)
  })
  it('grows with every day of delay and is exact for whole-rouble amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 400 }), (amount, days) => {
        const due = '2025-03-01'
        const p = latePenaltyKopecks(amount, due, addDays(due, days), rules)
        expect(latePenaltyKopecks(amount, due, addDays(due, days + 1), rules)).toBeGreaterThanOrEqual(p)
        expect(latePenaltyKopecks(amount * 100, due, addDays(due, days), rules)).toBe(amount * days)
      }),
    )
  })
})

describe('statutory interest at the key rate (GK RF art. 395), the alternative HQ can select', () => {
  it('names its basis; the method is verified law, the selection is data', () => {
    expect(interest).toEqual({
      consequence: 'statutory-interest',
      ratePerDay: null,
      rulesVersion: 'test',
      unverifiedRules: ['latePayout.consequence'],
    })
  })
  it('applies each rate to its own days: 100 000 ₽ due 20.10.2025, paid 31.10.2025', () => {
    const r = latePayoutAmount(10_000_000, '2025-10-20', '2025-10-31', interest, keyRates)
    // 21–26.10 at 17 % (6 days) and 27–31.10 at 16.5 % (5 days): 10 000 000 × (0.17 × 6 + 0.165 × 5) / 365 = 50 547.9…
    expect(r).toMatchObject({ consequence: 'statutory-interest', daysLate: 11, amountKopecks: 50_548 })
    expect(r.segments).toEqual([
      {
        from: '2025-10-21',
        to: '2025-10-26',
        days: 6,
        percent: '17.00',
        daysInYear: 365,
        verified: true,
        beyondKnown: false,
      },
      {
        from: '2025-10-27',
        to: '2025-10-31',
        days: 5,
        percent: '16.50',
        daysInYear: 365,
        verified: true,
        beyondKnown: false,
      },
    ])
    expect(r.unverifiedRules).toEqual(['latePayout.consequence'])
  })
  it('divides a leap year’s days by 366: due 25.12.2023, paid 05.01.2024', () => {
    const r = latePayoutAmount(10_000_000, '2023-12-25', '2024-01-05', interest, keyRates)
    // 26–31.12.2023: 6 days at 16 % ÷ 365; 01–05.01.2024: 5 days at 16 % ÷ 366 → 26 301.37 + 21 857.92 = 48 159.29…
    expect(r.amountKopecks).toBe(48_159)
    expect(r.segments.map((s) => [s.days, s.daysInYear])).toEqual([
      [6, 365],
      [5, 366],
    ])
  })
  it('after the date the table is known to, takes the last known rate and flags it', () => {
    const r = latePayoutAmount(10_000_000, '2026-03-20', '2026-04-01', interest, keyRates)
    expect(r.segments).toEqual([
      {
        from: '2026-03-21',
        to: '2026-03-22',
        days: 2,
        percent: '15.50',
        daysInYear: 365,
        verified: false,
        beyondKnown: false,
      },
      {
        from: '2026-03-23',
        to: '2026-04-01',
        days: 10,
        percent: '15.50',
        daysInYear: 365,
        verified: false,
        beyondKnown: true,
      },
    ])
    expect(r.keyRatesKnownUntil).toBe('2026-03-22')
    expect(r.unverifiedRules).toEqual(['latePayout.consequence', 'keyRate.afterKnownUntil', 'keyRate.rate'])
    expect(r.amountKopecks).toBe(50_959) // 10 000 000 × 0.155 × 12 / 365 = 50 958.9…
  })
  it('stops for a delay before the first rate of the table', () => {
    expect(() => latePayoutAmount(100, '2022-09-01', '2022-09-30', interest, keyRates)).toThrow(/key-rate/)
  })
})

describe('statutory interest properties', () => {
  // A two-rate table across a leap year, to check against a day-by-day sum written independently.
  const table: KeyRateTable = {
    knownUntil: '2024-06-30',
    rates: [
      { from: '2023-01-01', percent: '7.50', verified: true, source: 's' },
      { from: '2024-02-15', percent: '16.00', verified: true, source: 's' },
    ],
  }
  const basis: LatePayoutBasis = {
    consequence: 'statutory-interest',
    ratePerDay: null,
    rulesVersion: 't',
    unverifiedRules: [],
  }
  const day = fc.integer({ min: 0, max: 500 }).map((d) => addDays('2023-06-01', d))

  it('equals the day-by-day sum of amount × rate ÷ days in that year, rounded once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        day,
        fc.integer({ min: 0, max: 200 }),
        (amount, due, late) => {
          const paid = addDays(due, late)
          // Per day in hundredths of a percent over 365 × 366, so the sum is an exact integer fraction.
          let num = 0n
          for (let d = addDays(due, 1); d <= paid; d = addDays(d, 1)) {
            const pct = d >= '2024-02-15' ? 1600n : 750n
            const yearDays = isLeapYear(Number(d.slice(0, 4))) ? 366n : 365n
            num += BigInt(amount) * pct * ((365n * 366n) / yearDays)
          }
          const den = 10_000n * 365n * 366n
          const expected = Number((2n * num + den) / (2n * den))
          const r = latePayoutAmount(amount, due, paid, basis, table)
          expect(r.amountKopecks).toBe(expected)
          expect(r.segments.reduce((n, s) => n + s.days, 0)).toBe(Math.max(0, daysInclusive(addDays(due, 1), paid)))
        },
      ),
    )
  })
  it('never less for a later payment, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        day,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 30 }),
        (amount, due, late, more) => {
          const a = latePayoutAmount(amount, due, addDays(due, late), basis, table).amountKopecks
          expect(a).toBeGreaterThanOrEqual(0)
          expect(
            latePayoutAmount(amount, due, addDays(due, late + more), basis, table).amountKopecks,
          ).toBeGreaterThanOrEqual(a)
        },
      ),
    )
  })
})
