import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysInclusive } from '../dates/calendarDate'
import { calculateChangePremium, ChangePremiumInputError, type ChangePremiumInput } from './changePremium'

const base: ChangePremiumInput = {
  currentPremiumKopecks: 1_200_000,
  newPremiumKopecks: 1_500_000,
  ceilingKopecks: 4_050_000,
  contractStart: '2026-01-01',
  contractEnd: '2026-12-31',
  effectiveDate: '2026-07-01',
  refundsDecrease: false,
}

describe('the additional premium or refund on a change (docs/domain/osago-changes.md#premium)', () => {
  it('adds a driver halfway: (15 000 − 12 000) × 184 / 365, rounded once', () => {
    const r = calculateChangePremium(base)
    // 1 July..31 December inclusive = 184 days of 365; 300 000 × 184 / 365 = 151 232.876… kopecks → 151 233.
    expect(r).toMatchObject({
      remainingDays: 184,
      termDays: 365,
      differenceKopecks: 300_000,
      amountKopecks: 151_233,
      direction: 'additional',
      exact: '11040000/73',
    })
  })

  it('counts the change day itself as remaining, and the whole term before cover starts', () => {
    expect(calculateChangePremium({ ...base, effectiveDate: '2026-12-31' })).toMatchObject({
      remainingDays: 1,
      amountKopecks: 822, // 300 000 / 365 = 821.9…
    })
    expect(calculateChangePremium({ ...base, effectiveDate: '2025-12-20' })).toMatchObject({
      remainingDays: 365,
      amountKopecks: 300_000,
    })
  })

  it('refunds a lower premium pro rata only where the rules refund; otherwise nothing, said so', () => {
    const lower = { ...base, newPremiumKopecks: 1_000_000 }
    expect(calculateChangePremium({ ...lower, refundsDecrease: true })).toMatchObject({
      amountKopecks: -100_822, // −200 000 × 184 / 365 = −100 821.9…
      direction: 'refund',
      noRefundByRule: false,
    })
    expect(calculateChangePremium(lower)).toMatchObject({ amountKopecks: 0, direction: 'none', noRefundByRule: true })
  })

  it('caps the new annual premium at the ceiling of 40-FZ art. 9 p. 2', () => {
    const r = calculateChangePremium({ ...base, newPremiumKopecks: 5_000_000, effectiveDate: '2026-01-01' })
    expect(r).toMatchObject({ newPremiumKopecks: 4_050_000, ceilingApplied: true, amountKopecks: 2_850_000 })
  })

  it('refuses fractional kopecks and a change after the term', () => {
    expect(() => calculateChangePremium({ ...base, newPremiumKopecks: 10.5 })).toThrow(ChangePremiumInputError)
    expect(() => calculateChangePremium({ ...base, effectiveDate: '2027-01-01' })).toThrow(/after the term/)
  })
})

const dayOf = (start: string, n: number) => addDays(start, n)
const arb = fc
  .record({
    start: fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n)),
    days: fc.integer({ min: 1, max: 366 }),
    offset: fc.integer({ min: 0, max: 400 }),
    current: fc.integer({ min: 1, max: 10_000_000 }),
    next: fc.integer({ min: 0, max: 12_000_000 }),
    ceiling: fc.integer({ min: 1, max: 12_000_000 }),
    refunds: fc.boolean(),
  })
  .map((v) => {
    const end = dayOf(v.start, v.days - 1)
    const effective = dayOf(v.start, Math.min(v.offset, v.days - 1))
    return {
      currentPremiumKopecks: v.current,
      newPremiumKopecks: v.next,
      ceilingKopecks: Math.max(v.ceiling, v.current),
      contractStart: v.start,
      contractEnd: end,
      effectiveDate: effective,
      refundsDecrease: v.refunds,
    } satisfies ChangePremiumInput
  })

describe('change premium properties', () => {
  it('whole kopecks, rounded once from the exact product (never more than half a kopeck off)', () => {
    fc.assert(
      fc.property(arb, (input) => {
        const r = calculateChangePremium(input)
        expect(Number.isSafeInteger(r.amountKopecks)).toBe(true)
        const [num, den] = r.exact.split('/').map(BigInt) as [bigint, bigint]
        // |amount − exact| ≤ 1/2, compared exactly: |2·amount·den − 2·num| ≤ den.
        const gap = 2n * BigInt(r.amountKopecks) * den - 2n * num
        expect(gap <= den && -gap <= den).toBe(true)
        // Rounding once: the exact value is the difference × days / term, not a product of rounded parts.
        if (!r.noRefundByRule)
          expect(num * BigInt(r.termDays)).toBe(BigInt(r.differenceKopecks) * BigInt(r.remainingDays) * den)
      }),
    )
  })

  it('no change → nothing to pay or refund', () => {
    fc.assert(
      fc.property(arb, (input) => {
        const r = calculateChangePremium({ ...input, newPremiumKopecks: input.currentPremiumKopecks })
        expect(r.amountKopecks).toBe(0)
        expect(r.direction).toBe('none')
      }),
    )
  })

  it('the earlier the change, the larger the amount (monotone in remaining days)', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 30 }), (input, step) => {
        const later = addDays(input.effectiveDate, step)
        if (later > input.contractEnd) return
        const a = calculateChangePremium(input)
        const b = calculateChangePremium({ ...input, effectiveDate: later })
        expect(a.remainingDays).toBeGreaterThan(b.remainingDays)
        expect(Math.abs(a.amountKopecks)).toBeGreaterThanOrEqual(Math.abs(b.amountKopecks))
        expect(Math.sign(a.amountKopecks) * Math.sign(b.amountKopecks)).not.toBe(-1)
      }),
    )
  })

  it('never more than the ceiling minus the current premium, and never a refund beyond the current premium', () => {
    fc.assert(
      fc.property(arb, (input) => {
        const r = calculateChangePremium(input)
        expect(r.newPremiumKopecks).toBeLessThanOrEqual(input.ceilingKopecks)
        expect(r.amountKopecks).toBeLessThanOrEqual(input.ceilingKopecks - input.currentPremiumKopecks)
        expect(-r.amountKopecks).toBeLessThanOrEqual(input.currentPremiumKopecks)
        expect(r.termDays).toBe(daysInclusive(input.contractStart, input.contractEnd))
      }),
    )
  })
})
