import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatAmount, formatRubles, parseRubles } from './format'

describe('rouble formatting', () => {
  it('formats kopecks with grouping and the ₽ sign', () => {
    expect(formatRubles(2195968)).toBe('21\u00a0959,68\u00a0₽')
    expect(formatRubles(5)).toBe('0,05\u00a0₽')
    expect(formatRubles(577500, 'en')).toBe('₽5,775.00')
    expect(formatRubles(-12345)).toBe('-123,45\u00a0₽')
    expect(formatRubles(-12345, 'en')).toBe('-₽123.45')
  })
  it('gives the amount alone for messages that write the currency (110155.5 ₽ was a raw float)', () => {
    expect(formatAmount(11015550)).toBe('110\u00a0155,50')
    expect(formatAmount(150000000)).toBe('1\u00a0500\u00a0000,00')
    expect(formatAmount(150000000, 'en')).toBe('1,500,000.00')
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (k) => formatRubles(k).startsWith(formatAmount(k))))
  })
  it('parses what it formats', () => {
    expect(parseRubles('21 959,68')).toBe(2195968)
    expect(parseRubles('100')).toBe(10000)
    expect(parseRubles('1,5')).toBe(150)
    expect(parseRubles('abc')).toBeNull()
    expect(parseRubles('1,555')).toBeNull()
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (k) => parseRubles(formatRubles(k)) === k))
  })
})
