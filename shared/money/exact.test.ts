import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { applyFactors, fraction, multiply, ratio, roundHalfUp } from './exact'

describe('exact money arithmetic', () => {
  it('parses decimals exactly', () => {
    expect(ratio('1.17')).toEqual({ num: 117n, den: 100n })
    expect(ratio(0.77)).toEqual({ num: 77n, den: 100n })
    expect(ratio(1e-7)).toEqual({ num: 1n, den: 10000000n })
  })
  it('rounds half-up at exactly half a kopeck', () => {
    expect(roundHalfUp(fraction(5, 2))).toBe(3)
    expect(roundHalfUp(fraction(249_999, 100_000))).toBe(2)
    // 1.005 × 100 is 100.49999… in floats; exact arithmetic gives 100.5 → 101
    expect(applyFactors(100, ['1.005'])).toBe(101)
  })
  it('refund example from the seed: 10 000 ₽ × 0.77 × 9/12 = 5 775 ₽', () => {
    expect(applyFactors(1_000_000, ['0.77', fraction(9, 12)])).toBe(577_500)
  })
  it('multiplication is exact and order independent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 8 }),
        (k, cs) => {
          const fs = cs.map((c) => fraction(c, 100))
          return applyFactors(k, fs) === applyFactors(k, [...fs].reverse()) && multiply(k).num === BigInt(k)
        },
      ),
    )
  })
})
