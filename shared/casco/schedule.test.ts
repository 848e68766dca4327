import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import rulesJson from '../../resources/rules/casco-instalments.json'
import {
  CASCO_PLANS,
  CascoScheduleInputError,
  cascoInstalmentsFileSchema,
  cascoInstalmentsInForce,
  cascoSchedule,
} from './schedule'

const file = cascoInstalmentsFileSchema.parse(rulesJson)
const rules = file.data

describe('CASCO instalment schedule', () => {
  it('single payment: the premium on the first date', () => {
    expect(cascoSchedule({ premiumKopecks: 4_567_890, plan: 'single', firstPaymentDate: '2025-03-10' }, rules)).toEqual(
      {
        totalKopecks: 4_567_890,
        payments: [{ dueDate: '2025-03-10', amountKopecks: 4_567_890 }],
        surchargeUnverified: false,
      },
    )
  })
  it('two payments: +3 % on the annual premium, six months apart', () => {
    // 45 678.90 ₽ × 1.03 = 47 049.267 → 4 704 927 kopecks; the odd kopeck goes to the first payment.
    const s = cascoSchedule({ premiumKopecks: 4_567_890, plan: 'two', firstPaymentDate: '2025-08-31' }, rules)
    expect(s.totalKopecks).toBe(4_704_927)
    expect(s.payments).toEqual([
      { dueDate: '2025-08-31', amountKopecks: 2_352_464 },
      { dueDate: '2026-02-28', amountKopecks: 2_352_463 },
    ])
    expect(s.surchargeUnverified).toBe(true)
  })
  it('four payments: +5 %, quarterly, each date counted from the first, extra kopecks first', () => {
    // 100 000.03 ₽ × 1.05 = 105 000.0315 → 10 500 003 kopecks = 4 × 2 625 000 + 3.
    const s = cascoSchedule({ premiumKopecks: 10_000_003, plan: 'four', firstPaymentDate: '2025-11-30' }, rules)
    expect(s.totalKopecks).toBe(10_500_003)
    expect(s.payments).toEqual([
      { dueDate: '2025-11-30', amountKopecks: 2_625_001 },
      { dueDate: '2026-02-28', amountKopecks: 2_625_001 },
      { dueDate: '2026-05-30', amountKopecks: 2_625_001 },
      { dueDate: '2026-08-30', amountKopecks: 2_625_000 },
    ])
  })
  it('clamps to the last day of a short month, including 29 February', () => {
    const s = cascoSchedule({ premiumKopecks: 1_000_000, plan: 'four', firstPaymentDate: '2027-11-30' }, rules)
    expect(s.payments.map((p) => p.dueDate)).toEqual(['2027-11-30', '2028-02-29', '2028-05-30', '2028-08-30'])
    const y = cascoSchedule({ premiumKopecks: 1_000_000, plan: 'two', firstPaymentDate: '2025-08-31' }, rules)
    expect(y.payments[1]!.dueDate).toBe('2026-02-28')
  })
  it('rounds the surcharged total half-up once', () => {
    // 50 × 1.03 = 51.5 → 52; 10 × 1.05 = 10.5 → 11.
    expect(cascoSchedule({ premiumKopecks: 50, plan: 'two', firstPaymentDate: '2025-01-15' }, rules).totalKopecks).toBe(
      52,
    )
    expect(
      cascoSchedule({ premiumKopecks: 10, plan: 'four', firstPaymentDate: '2025-01-15' }, rules).totalKopecks,
    ).toBe(11)
  })
  it('stops on a premium that is not positive kopecks or too small to split, and on a bad date', () => {
    const field = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        if (e instanceof CascoScheduleInputError) return [e.field, e.messageKey]
      }
      return null
    }
    expect(
      field(() => cascoSchedule({ premiumKopecks: 0, plan: 'single', firstPaymentDate: '2025-01-15' }, rules)),
    ).toEqual(['premiumKopecks', 'casco.schedule.premiumNotKopecks'])
    expect(
      field(() => cascoSchedule({ premiumKopecks: 12.5, plan: 'single', firstPaymentDate: '2025-01-15' }, rules)),
    ).toEqual(['premiumKopecks', 'casco.schedule.premiumNotKopecks'])
    expect(
      field(() => cascoSchedule({ premiumKopecks: 2, plan: 'four', firstPaymentDate: '2025-01-15' }, rules)),
    ).toEqual(['premiumKopecks', 'casco.schedule.premiumTooSmall'])
    expect(
      field(() => cascoSchedule({ premiumKopecks: 100, plan: 'two', firstPaymentDate: '2025-02-29' }, rules)),
    ).toEqual(['firstPaymentDate', 'casco.schedule.dateFormat'])
  })
  it('takes the surcharge from the rules version in force', () => {
    const dearer = {
      ...file,
      version: '2026-01-01.1',
      effectiveFrom: '2026-01-01',
      data: { plans: { ...rules.plans, two: { surcharge: { value: '0.04', verified: true } } } },
    }
    const older = { ...file, effectiveTo: '2025-12-31' }
    const inForce = cascoInstalmentsInForce([older, dearer], '2026-01-01')
    expect(
      cascoSchedule({ premiumKopecks: 100_000, plan: 'two', firstPaymentDate: '2026-01-01' }, inForce.data)
        .totalKopecks,
    ).toBe(104_000)
    expect(() => cascoInstalmentsInForce([older, dearer], '2018-12-31')).toThrow(/casco-instalments/)
  })
})

describe('CASCO schedule properties', () => {
  const input = fc.record({
    premiumKopecks: fc.integer({ min: 4, max: 2_000_000_000 }),
    plan: fc.constantFrom(...CASCO_PLANS),
    firstPaymentDate: fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2024-01-01', d)),
  })
  it('payments add up exactly to the total and differ by at most one kopeck, larger ones first', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { totalKopecks, payments } = cascoSchedule(i, rules)
        const amounts = payments.map((p) => p.amountKopecks)
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(totalKopecks)
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1)
        expect([...amounts].sort((a, b) => b - a)).toEqual(amounts)
      }),
    )
  })
  it('dates rise, start on the first date and stay within the year', () => {
    fc.assert(
      fc.property(input, (i) => {
        const dates = cascoSchedule(i, rules).payments.map((p) => p.dueDate)
        expect(dates[0]).toBe(i.firstPaymentDate)
        dates.slice(1).forEach((d, k) => expect(d > dates[k]!).toBe(true))
        expect(dates.at(-1)! < addDays(i.firstPaymentDate, 366)).toBe(true)
        const day = Number(i.firstPaymentDate.slice(8))
        for (const d of dates) expect(Number(d.slice(8))).toBeLessThanOrEqual(day) // clamped, never pushed forward
      }),
    )
  })
  it('the total never falls below the premium and instalments cost more than a single payment', () => {
    fc.assert(
      fc.property(input, (i) => {
        const single = cascoSchedule({ ...i, plan: 'single' }, rules).totalKopecks
        expect(single).toBe(i.premiumKopecks)
        expect(cascoSchedule(i, rules).totalKopecks).toBeGreaterThanOrEqual(single)
      }),
    )
  })
})
