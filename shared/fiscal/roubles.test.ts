import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_WIRE_KOPECKS, kopecksToRoubles, roublesToKopecks } from './roubles'

describe('kopecks ↔ roubles on the register’s wire', () => {
  it('writes two decimals exactly as the decimal amount', () => {
    expect(JSON.stringify({ sum: kopecksToRoubles(123456) })).toBe('{"sum":1234.56}')
    expect(JSON.stringify({ sum: kopecksToRoubles(10) })).toBe('{"sum":0.1}')
    expect(JSON.stringify({ sum: kopecksToRoubles(7) })).toBe('{"sum":0.07}')
    expect(JSON.stringify({ sum: kopecksToRoubles(0) })).toBe('{"sum":0}')
    // 0.1 + 0.2 is not 0.3 in floats; the conversion never adds.
    expect(kopecksToRoubles(30)).toBe(0.3)
  })

  it('reads a sum back only when it has at most two decimals', () => {
    expect(roublesToKopecks(1234.56)).toBe(123456)
    expect(() => roublesToKopecks(0.1 + 0.2)).toThrow(RangeError) // 0.30000000000000004
    expect(() => roublesToKopecks(1.005)).toThrow(RangeError)
    expect(() => roublesToKopecks(-1)).toThrow(RangeError)
    expect(() => roublesToKopecks(Number.NaN)).toThrow(RangeError)
    expect(() => roublesToKopecks(1e21)).toThrow(RangeError)
    expect(() => roublesToKopecks(1e-7)).toThrow(RangeError)
    expect(() => roublesToKopecks('12' as unknown as number)).toThrow(RangeError)
    expect(() => kopecksToRoubles(1.5)).toThrow(RangeError)
    expect(() => kopecksToRoubles(-1)).toThrow(RangeError)
    expect(() => kopecksToRoubles(MAX_WIRE_KOPECKS + 1)).toThrow(RangeError)
  })

  it('property: every kopeck amount survives the wire (JSON text and back) unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_WIRE_KOPECKS }), (k) => {
        const onWire = JSON.stringify({ sum: kopecksToRoubles(k) })
        const expected = `${Math.floor(k / 100)}${
          k % 100 === 0
            ? ''
            : `.${String(k % 100)
                .padStart(2, '0')
                .replace(/0$/u, '')}`
        }`
        expect(onWire).toBe(`{"sum":${expected}}`)
        expect(roublesToKopecks((JSON.parse(onWire) as { sum: number }).sum)).toBe(k)
      }),
      { numRuns: 2000 },
    )
  })

  it('property: small amounts, where float sums go wrong, are exact too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (k) => {
        expect(roublesToKopecks(kopecksToRoubles(k))).toBe(k)
      }),
    )
  })
})
