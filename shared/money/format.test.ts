import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatRubles, parseRubles } from './format'

describe('rouble formatting', () => {
  it('formats kopecks with grouping and the ₽ sign', () => {
    expect(formatRubles(2195968)).toBe('21\u00a0959,68\u00a0₽')
    expect(formatRubles(5)).toBe('0,05\u00a0₽')
    expect(formatRubles(577500, 'en')).toBe('₽5,775.00')
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
