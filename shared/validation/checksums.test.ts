import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  individualInnSchema,
  innCheckDigits,
  innSchema,
  legalEntityInnSchema,
  ogrnCheckDigit,
  ogrnipSchema,
  ogrnSchema,
  formatSnils,
  snilsCheckNumber,
  snilsSchema,
} from './index'
import { digitString, keyOf, mutatedDigit, parsed } from './testing'

// Remainders mod 11 of each INN check equation, written out from docs/domain/vehicles-and-documents.md#b3, only to
// recognise the mutations the scheme cannot detect (a remainder of 0 and of 10 both give check digit 0).
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const rem = (s: string, w: number[]) => w.reduce((acc, wi, i) => acc + wi * Number(s[i]), 0) % 11
const innRemainders = (inn: string) => (inn.length === 10 ? [rem(inn, W10)] : [rem(inn, W11), rem(inn, W12)])
const zeroOrTen = (r: number) => r === 0 || r === 10
const blindSpot = (a: number[], b: number[]) => a.some((r, i) => r !== b[i] && zeroOrTen(r) && zeroOrTen(b[i] ?? -1))

describe('INN', () => {
  it('accepts real INNs, with spaces typed', () => {
    expect(parsed(innSchema, '7707083893')).toBe('7707083893') // Sberbank
    expect(parsed(legalEntityInnSchema, '7710 045 520')).toBe('7710045520') // RESO-Garantia
    expect(parsed(innSchema, ' 7736207543 ')).toBe('7736207543') // Yandex
    expect(parsed(individualInnSchema, '500100732259')).toBe('500100732259')
  })
  it('says what is wrong', () => {
    expect(keyOf(innSchema, '7707083894')).toBe('validation.inn.checksum')
    expect(keyOf(innSchema, '500100732258')).toBe('validation.inn.checksum')
    expect(keyOf(innSchema, '77070838931')).toBe('validation.inn.format')
    expect(keyOf(innSchema, '77070838a3')).toBe('validation.inn.format')
    expect(keyOf(innSchema, '')).toBe('validation.required')
    expect(keyOf(innSchema, undefined)).toBe('validation.required')
    expect(keyOf(innSchema, 7707083893)).toBe('validation.invalidType')
    expect(keyOf(legalEntityInnSchema, '500100732259')).toBe('validation.inn.legalEntityLength')
    expect(keyOf(individualInnSchema, '7707083893')).toBe('validation.inn.individualLength')
  })
  it('accepts any body with its computed check digits', () => {
    fc.assert(
      fc.property(fc.oneof(digitString(9), digitString(10)), (body) => {
        expect(keyOf(innSchema, body + innCheckDigits(body))).toBeNull()
      }),
    )
  })
  it('refuses a single changed digit, outside the scheme’s 0/10 blind spot', () => {
    const valid = fc.oneof(digitString(9), digitString(10)).map((b) => b + innCheckDigits(b))
    fc.assert(
      fc.property(
        valid.chain((inn) => mutatedDigit(inn).map((m) => ({ inn, m }))),
        ({ inn, m }) => {
          fc.pre(!blindSpot(innRemainders(inn), innRemainders(m.value)))
          expect(keyOf(innSchema, m.value)).toBe('validation.inn.checksum')
        },
      ),
      { numRuns: 500 },
    )
  })
  it('always refuses a changed check digit', () => {
    fc.assert(
      fc.property(digitString(10), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1 }), (body, by, pos) => {
        const check = innCheckDigits(body)
        const broken = check.slice(0, pos) + String((Number(check[pos]) + by) % 10) + check.slice(pos + 1)
        expect(keyOf(innSchema, body + broken)).toBe('validation.inn.checksum')
      }),
    )
  })
})

describe('OGRN and OGRNIP', () => {
  it('accepts real numbers', () => {
    expect(parsed(ogrnSchema, '1027700132195')).toBe('1027700132195') // Sberbank
    expect(parsed(ogrnSchema, '1027700042413')).toBe('1027700042413') // RESO-Garantia
    expect(parsed(ogrnipSchema, '304500116000157')).toBe('304500116000157')
  })
  it('says what is wrong', () => {
    expect(keyOf(ogrnSchema, '1027700132196')).toBe('validation.ogrn.checksum')
    expect(keyOf(ogrnSchema, '304500116000157')).toBe('validation.ogrn.format')
    expect(keyOf(ogrnipSchema, '304500116000158')).toBe('validation.ogrnip.checksum')
    expect(keyOf(ogrnipSchema, '1027700132195')).toBe('validation.ogrnip.format')
  })
  it('agrees with big-integer arithmetic', () => {
    fc.assert(
      fc.property(fc.oneof(digitString(12), digitString(14)), (body) => {
        const modulus = body.length === 12 ? 11n : 13n
        expect(ogrnCheckDigit(body)).toBe(Number((BigInt(body) % modulus) % 10n))
      }),
    )
  })
  it('accepts computed numbers and refuses one changed digit outside the blind spot', () => {
    const valid = fc.oneof(digitString(12), digitString(14)).map((b) => b + String(ogrnCheckDigit(b)))
    fc.assert(
      fc.property(
        valid.chain((v) => mutatedDigit(v).map((m) => ({ v, m }))),
        ({ v, m }) => {
          const schema = v.length === 13 ? ogrnSchema : ogrnipSchema
          expect(keyOf(schema, v)).toBeNull()
          const modulus = v.length === 13 ? 11n : 13n
          const r = (s: string) => Number(BigInt(s.slice(0, -1)) % modulus)
          // Mod 13 leaves 0 and 10 colliding after mod 10 too, and also 1/11, 2/12.
          fc.pre(r(v) % 10 !== r(m.value) % 10 || m.at === v.length - 1)
          expect(keyOf(schema, m.value)).toMatch(/checksum$/)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('SNILS', () => {
  it('accepts the SNILS example (docs/domain/vehicles-and-documents.md) in any typing and stores digits', () => {
    expect(parsed(snilsSchema, '112-233-445 95')).toBe('11223344595')
    expect(parsed(snilsSchema, '11223344595')).toBe('11223344595')
    expect(formatSnils('11223344595')).toBe('112-233-445 95')
  })
  it('applies the special cases of the check number', () => {
    // weights 9,8,7,…,1
    expect(snilsCheckNumber('112233445')).toBe('95') // sum 95
    expect(snilsCheckNumber('470000007')).toBe('99') // 36 + 56 + 7 = 99
    expect(snilsCheckNumber('480000000')).toBe('00') // 36 + 64 = 100
    expect(snilsCheckNumber('480000001')).toBe('00') // 101
    expect(snilsCheckNumber('480000002')).toBe('01') // 102 mod 101
    expect(snilsCheckNumber('996100000')).toBe('00') // 81 + 72 + 42 + 6 = 201, mod 101 = 100 → 00
    expect(snilsCheckNumber('996200000')).toBe('05') // 207 mod 101 = 5
  })
  it('accepts computed numbers and refuses one changed digit unless both sums give the same check number', () => {
    const body = digitString(9).filter((b) => Number(b) > 1_001_998)
    const sum = (s: string) => [9, 8, 7, 6, 5, 4, 3, 2, 1].reduce((acc, w, i) => acc + w * Number(s[i]), 0)
    // Sums whose check number is 00 besides 0 itself: 100, 101 and multiples of 101 (and one less).
    const zeroCheck = (x: number) =>
      x === 0 || x === 100 || x === 101 || (x > 101 && (x % 101 === 0 || x % 101 === 100))
    fc.assert(
      fc.property(
        body.map((b) => b + snilsCheckNumber(b)).chain((v) => mutatedDigit(v).map((m) => ({ v, m }))),
        ({ v, m }) => {
          expect(keyOf(snilsSchema, v)).toBeNull()
          fc.pre(Number(m.value.slice(0, 9)) > 1_001_998)
          fc.pre(!(zeroCheck(sum(v)) && zeroCheck(sum(m.value))))
          expect(keyOf(snilsSchema, m.value)).toBe('validation.snils.checksum')
        },
      ),
      { numRuns: 500 },
    )
  })
  it('leaves numbers up to 001-001-998 unchecked', () => {
    expect(keyOf(snilsSchema, '001-001-998 00')).toBeNull()
    expect(keyOf(snilsSchema, '001-001-998 77')).toBeNull()
    const check = snilsCheckNumber('001001999')
    expect(keyOf(snilsSchema, `001001999${check}`)).toBeNull()
    expect(keyOf(snilsSchema, `001001999${check === '00' ? '01' : '00'}`)).toBe('validation.snils.checksum')
  })
  it('says what is wrong', () => {
    expect(keyOf(snilsSchema, '112-233-445 96')).toBe('validation.snils.checksum')
    expect(keyOf(snilsSchema, '112-233-445 9')).toBe('validation.snils.format')
  })
})
