import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  normalizeTypedReceiptNumber,
  parseTypedReceiptNumber,
  typedReceiptNumberSchema,
  validateTypedReceiptNumber,
} from './receiptNumber'

const fd = fc.integer({ min: 1, max: 9_999_999_999 })
const fp = fc.integer({ min: 0, max: 9_999_999_999 })
const space = fc.constantFrom('', ' ', '  ')

describe('a typed receipt number', () => {
  it('takes the ФД number as the receipt prints it, with or without its label and the ФП', () => {
    expect(parseTypedReceiptNumber('12345')).toEqual({ fdNumber: 12345, fiscalSign: null })
    expect(parseTypedReceiptNumber('ФД 12345')).toEqual({ fdNumber: 12345, fiscalSign: null })
    expect(parseTypedReceiptNumber('фд №12345')).toEqual({ fdNumber: 12345, fiscalSign: null })
    expect(parseTypedReceiptNumber(' ФД: 12345 ')).toEqual({ fdNumber: 12345, fiscalSign: null })
    expect(parseTypedReceiptNumber('ФД 12345 ФП 1234567890')).toEqual({ fdNumber: 12345, fiscalSign: '1234567890' })
    expect(parseTypedReceiptNumber('12345, фп: 0034567890')).toEqual({ fdNumber: 12345, fiscalSign: '34567890' })
    expect(parseTypedReceiptNumber('12345/1234567890')).toEqual({ fdNumber: 12345, fiscalSign: '1234567890' })
    expect(normalizeTypedReceiptNumber('фд  №  77 фп 5')).toBe('ФД 77 ФП 5')
  })

  it('refuses what no register prints as a ФД number', () => {
    for (const bad of [
      '',
      ' ',
      '0',
      '000',
      '12345678901', // 11 digits
      '12 345',
      '12345 67890', // a second number needs its ФП label or a separator
      '12345 ФП',
      '12345 ФП 12345678901',
      'ФП 12345',
      'ХХХ 0123456789',
      '12345.5',
      '-12',
      '1e5',
      '１２３', // full-width digits
      'ФД 12345 ФП 1 2',
    ])
      expect(validateTypedReceiptNumber(bad), bad).toBe(false)
  })

  it('property: every ФД number (and sign) written in any accepted way parses back to itself', () => {
    fc.assert(
      fc.property(
        fd,
        fc.option(fp, { nil: null }),
        fc.constantFrom('', 'ФД ', 'фд', 'ФД № ', 'FD:', 'ФД №'),
        fc.constantFrom(' ФП ', ', ', '/', '; фп:', ' fp ', ',ФП'),
        space,
        (n, sign, label, sep, pad) => {
          const text = `${pad}${label}${n}${sign === null ? '' : `${sep}${sign}`}${pad}`
          expect(parseTypedReceiptNumber(text)).toEqual({
            fdNumber: n,
            fiscalSign: sign === null ? null : String(sign),
          })
          const normal = normalizeTypedReceiptNumber(text)!
          // The stored form is itself accepted and stable.
          expect(normalizeTypedReceiptNumber(normal)).toBe(normal)
        },
      ),
    )
  })

  it('property: any text with a letter that is no label, or more than 10 digits in a number, is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const p = parseTypedReceiptNumber(s)
        if (p === null) return
        // Whatever passes is a ФД number of 1..10 digits and a sign of at most 10.
        expect(p.fdNumber).toBeGreaterThanOrEqual(1)
        expect(p.fdNumber).toBeLessThanOrEqual(9_999_999_999)
        if (p.fiscalSign !== null) expect(p.fiscalSign).toMatch(/^\d{1,10}$/)
        expect(s.replace(/ФД|ФПД|ФП|FD|FP|[\s\d№N#:,;/]/giu, '')).toBe('')
      }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 15 }), (len) => {
        expect(validateTypedReceiptNumber('9'.repeat(len))).toBe(false)
      }),
    )
  })

  it('the schema gives the stored form and the field message key', () => {
    expect(typedReceiptNumberSchema.parse(' фд 00123 ')).toBe('ФД 123')
    const r = typedReceiptNumberSchema.safeParse('abc')
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe('validation.receiptNumber.format')
  })
})
