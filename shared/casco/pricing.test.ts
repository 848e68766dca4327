import { describe, expect, it } from 'vitest'
import { fraction, multiply, ratio } from '../money/exact'
import { compareRatios, decimalNumber } from './pricing'

describe('CASCO pricing helpers', () => {
  it('prints products of tariff decimals exactly', () => {
    expect(decimalNumber(multiply(1.05, 0.95))).toBe(0.9975)
    expect(decimalNumber(multiply(0.1, 0.2))).toBe(0.02)
    expect(decimalNumber(ratio(12))).toBe(12)
    expect(decimalNumber(fraction(9250, 10000))).toBe(0.925)
    expect(decimalNumber(fraction(1, 3))).toBeCloseTo(0.3333, 4)
  })
  it('compares ratios exactly', () => {
    expect(compareRatios(ratio('0.1'), fraction(1, 10))).toBe(0)
    expect(compareRatios(multiply(1200000, 100), ratio(120_000_000))).toBe(0)
    expect(compareRatios(fraction(1, 3), ratio('0.3333333333'))).toBe(1)
  })
})
