import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  departmentCodeSchema,
  diagnosticCardSchema,
  driverLicence,
  eptsSchema,
  passport,
  policyBlank,
  pts,
  sts,
} from './index'
import { keyOf, parsed } from './testing'

describe('PTS and STS', () => {
  it('reads the example of docs/domain/vehicles-and-documents.md in one field or two', () => {
    expect(parsed(pts.wholeSchema, '77 ТК 123456')).toEqual({ series: '77ТК', number: '123456' })
    expect(parsed(pts.seriesSchema, '77 ТК')).toBe('77ТК')
    expect(parsed(pts.numberSchema, '123 456')).toBe('123456')
    expect(pts.whole.normalise('77тк№123456')).toBe('77ТК 123456')
  })
  it('folds series letters typed in the Latin layout', () => {
    expect(parsed(pts.wholeSchema, '77 tk 123456')).toEqual({ series: '77ТК', number: '123456' })
    expect(parsed(pts.seriesSchema, '77TK')).toBe('77ТК')
  })
  it('says what is wrong', () => {
    expect(keyOf(pts.wholeSchema, '77 ТК 12345')).toBe('validation.pts.format')
    expect(keyOf(pts.wholeSchema, '77 12 123456')).toBe('validation.pts.format')
    expect(keyOf(pts.seriesSchema, '7 ТК')).toBe('validation.ptsSeries.format')
    expect(keyOf(pts.seriesSchema, '77 ДZ')).toBe('validation.ptsSeries.format')
    expect(keyOf(pts.numberSchema, '12345')).toBe('validation.ptsNumber.format')
    expect(keyOf(pts.numberSchema, '')).toBe('validation.required')
  })
  it('takes letters or digits in the STS series', () => {
    expect(parsed(sts.wholeSchema, '99 01 123456')).toEqual({ series: '9901', number: '123456' })
    expect(parsed(sts.wholeSchema, '77 ХА 123456')).toEqual({ series: '77ХА', number: '123456' })
    expect(keyOf(sts.wholeSchema, 'ХА 123456')).toBe('validation.sts.format')
    expect(keyOf(sts.seriesSchema, '7701A')).toBe('validation.stsSeries.format')
    expect(keyOf(sts.numberSchema, '1234567')).toBe('validation.stsNumber.format')
  })
  it('checks ePTS and diagnostic card numbers', () => {
    expect(parsed(eptsSchema, '1643 0101 2345 678')).toBe('164301012345678')
    expect(keyOf(eptsSchema, '16430101234567')).toBe('validation.epts.format')
    expect(parsed(diagnosticCardSchema, '123456789012345')).toBe('123456789012345')
    expect(parsed(diagnosticCardSchema, '12345-67890-12345-678901')).toBe('123456789012345678901')
    expect(keyOf(diagnosticCardSchema, '1234567890123456')).toBe('validation.diagnosticCard.format')
    expect(keyOf(diagnosticCardSchema, '12345678901234A')).toBe('validation.diagnosticCard.format')
  })
})

describe('passport and licence', () => {
  it('reads series and number with spaces', () => {
    expect(parsed(passport.wholeSchema, '45 12 345678')).toEqual({ series: '4512', number: '345678' })
    expect(parsed(passport.seriesSchema, '45 12')).toBe('4512')
    expect(keyOf(passport.seriesSchema, '451')).toBe('validation.passportSeries.format')
    expect(keyOf(passport.seriesSchema, '45АВ')).toBe('validation.passportSeries.format')
    expect(keyOf(passport.numberSchema, '34567')).toBe('validation.passportNumber.format')
    expect(keyOf(passport.wholeSchema, '4512 34567')).toBe('validation.passport.format')
  })
  it('formats the department code', () => {
    expect(parsed(departmentCodeSchema, '770001')).toBe('770-001')
    expect(parsed(departmentCodeSchema, ' 770 – 001 ')).toBe('770-001')
    expect(keyOf(departmentCodeSchema, '77-001')).toBe('validation.departmentCode.format')
  })
  it('takes both licence forms', () => {
    expect(parsed(driverLicence.wholeSchema, '99 12 345678')).toEqual({ series: '9912', number: '345678' })
    expect(parsed(driverLicence.wholeSchema, '77 АВ 123456')).toEqual({ series: '77АВ', number: '123456' })
    expect(parsed(driverLicence.seriesSchema, '77 ab')).toBe('77АВ')
    expect(keyOf(driverLicence.seriesSchema, 'АВ')).toBe('validation.licenceSeries.format')
    expect(keyOf(driverLicence.wholeSchema, '77 1А 123456')).toBe('validation.licence.format')
    expect(keyOf(driverLicence.numberSchema, '12345')).toBe('validation.licenceNumber.format')
  })
})

describe('policy blank', () => {
  it('reads series and number', () => {
    expect(parsed(policyBlank.wholeSchema, 'ХХХ 0123456789')).toEqual({ series: 'ХХХ', number: '0123456789' })
    expect(parsed(policyBlank.wholeSchema, 'xxx0123456789')).toEqual({ series: 'ХХХ', number: '0123456789' })
    expect(parsed(policyBlank.seriesSchema, 'ттт')).toBe('ТТТ')
    expect(parsed(policyBlank.optionalWholeSchema, '')).toBeNull()
    expect(keyOf(policyBlank.seriesSchema, 'ХХ')).toBe('validation.policySeries.format')
    expect(keyOf(policyBlank.seriesSchema, 'XX1')).toBe('validation.policySeries.format')
    expect(keyOf(policyBlank.numberSchema, '012345678')).toBe('validation.policyNumber.format')
    expect(keyOf(policyBlank.wholeSchema, 'ХХХ 012345678')).toBe('validation.policyBlank.format')
  })
  it('parses any series of 3 Cyrillic capitals with any 10 digits back to its parts', () => {
    const letter = fc.constantFrom(...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ')
    fc.assert(
      fc.property(
        fc.string({ unit: letter, minLength: 3, maxLength: 3 }),
        fc.stringMatching(/^\d{10}$/),
        (series, number) => {
          expect(parsed(policyBlank.wholeSchema, `${series} ${number}`)).toEqual({ series, number })
        },
      ),
    )
  })
})
