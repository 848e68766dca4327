import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { blankNumberAt, MAX_BLANKS_PER_RANGE, rangeSize, receiveRangeInput } from './schemas'

const tenDigits = fc.integer({ min: 0, max: 9_999_999_999 }).map((v) => String(v).padStart(10, '0'))

describe('blank ranges', () => {
  it('number k of a range is the first number plus k, kept at 10 digits; the last one gives the size back', () => {
    fc.assert(
      fc.property(tenDigits, fc.integer({ min: 1, max: MAX_BLANKS_PER_RANGE }), (from, size) => {
        fc.pre(Number(from) + size - 1 <= 9_999_999_999)
        const to = blankNumberAt(from, size - 1)
        expect(to).toMatch(/^\d{10}$/)
        expect(rangeSize(from, to)).toBe(size)
        expect(blankNumberAt(from, 0)).toBe(from)
      }),
    )
  })

  it('accepts a range exactly when from ≤ to and it holds at most the maximum', () => {
    fc.assert(
      fc.property(tenDigits, tenDigits, (from, to) => {
        const r = receiveRangeInput.safeParse({ series: 'ХХХ', fromNumber: from, toNumber: to })
        const size = Number(to) - Number(from) + 1
        expect(r.success).toBe(size >= 1 && size <= MAX_BLANKS_PER_RANGE)
      }),
    )
  })

  it('reports a range problem at the "to" field, and not when a number itself is malformed', () => {
    const issues = (input: unknown) => {
      const r = receiveRangeInput.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    }
    expect(issues({ series: 'ХХХ', fromNumber: '0000000002', toNumber: '0000000001' })).toEqual([
      'toNumber: validation.blankRange.order',
    ])
    expect(issues({ series: 'ХХХ', fromNumber: '0000000001', toNumber: '0000010001' })).toEqual([
      'toNumber: validation.blankRange.tooMany',
    ])
    expect(issues({ series: 'ХХХ', fromNumber: '12', toNumber: '0000000001' })).toEqual([
      'fromNumber: validation.policyNumber.format',
    ])
  })
})
