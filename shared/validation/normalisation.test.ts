import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as v from './index'
import type { FieldRules } from './index'

const rules: Record<string, FieldRules> = {
  passportSeries: v.passport.series,
  passportNumber: v.passport.number,
  passport: v.passport.whole,
  departmentCode: v.departmentCode,
  licence: v.driverLicence.whole,
  licenceSeries: v.driverLicence.series,
  pts: v.pts.whole,
  sts: v.sts.whole,
  epts: v.epts,
  diagnosticCard: v.diagnosticCard,
  policyBlank: v.policyBlank.whole,
  plate: v.plate,
  vin: v.vin,
  bodyNumber: v.bodyNumber,
  chassisNumber: v.chassisNumber,
  inn: v.inn,
  ogrn: v.ogrn,
  ogrnip: v.ogrnip,
  snils: v.snils,
  bik: v.bik,
  bankAccount: v.bankAccount,
  correspondentAccount: v.correspondentAccount,
  personName: v.personName,
  phone: v.phone,
  email: v.email,
}

/** What clerks type and paste: digits, both alphabets in both cases, every kind of space, dash and quote. */
const typed = fc.oneof(
  fc.string({
    unit: fc.constantFrom(..."0123456789АВЕКМНОРСТУХавекмнорстухЁёЖжABEKMHOPCTYXabekmhopctyxIOQ -–—\u00a0\t№|()+.@'’`"),
    maxLength: 30,
  }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

describe('normalisation', () => {
  for (const [name, r] of Object.entries(rules)) {
    it(`${name}: idempotent, and checking the raw or the normalised value says the same`, () => {
      fc.assert(
        fc.property(typed, (raw) => {
          const once = r.normalise(raw)
          expect(r.normalise(once)).toBe(once)
          expect(r.check(once)).toBe(r.check(raw))
        }),
        { numRuns: 300 },
      )
    })
  }
  it('a schema’s output passes the same schema unchanged', () => {
    const schemas = [
      v.plateSchema,
      v.vinSchema,
      v.phoneSchema,
      v.emailSchema,
      v.personNameSchema,
      v.passport.seriesSchema,
      v.departmentCodeSchema,
      v.snilsSchema,
      v.innSchema,
    ]
    const samples = [
      'а 123 вс 77',
      'jhmcm56557c404453',
      '8 (916) 123-45-67',
      'Ivanov@MAIL.ru',
      '  Иванова - Петрова',
      '45 12',
      '770001',
      '112-233-445 95',
      '7707 083 893',
    ]
    samples.forEach((s, i) => {
      const schema = schemas[i]!
      const out = schema.parse(s)
      expect(schema.parse(out)).toBe(out)
    })
  })
})
