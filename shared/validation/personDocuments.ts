import { requiredField, type FieldRules } from './field'
import { stripSeparators } from './lookalikes'
import { seriesNumberDocument } from './seriesNumber'

/**
 * RF passport: series of 4 digits (region + blank year), number of 6 digits
 * (docs/domain/vehicles-and-documents.md#b3).
 */
export const passport = seriesNumberDocument({
  series: /^\d{4}$/,
  numberDigits: 6,
  keys: {
    series: 'validation.passportSeries.format',
    number: 'validation.passportNumber.format',
    whole: 'validation.passport.format',
  },
})

/** Issuing department code as printed in the passport, NNN-NNN; the hyphen is optional when typing. */
export const departmentCode: FieldRules = {
  normalise(raw) {
    const compact = stripSeparators(raw)
    return /^\d{6}$/.test(compact) ? `${compact.slice(0, 3)}-${compact.slice(3)}` : compact
  },
  check(raw) {
    const value = departmentCode.normalise(raw)
    if (value === '') return 'validation.required'
    return /^\d{3}-\d{3}$/.test(value) ? null : 'validation.departmentCode.format'
  },
}
export const departmentCodeSchema = requiredField(departmentCode)

/**
 * Driver's licence: the card issued since 01.03.2011 has a 4-digit series; the 1999 form still in circulation has
 * 2 digits of region and 2 Cyrillic letters. Both have a 6-digit number.
 */
export const driverLicence = seriesNumberDocument({
  series: /^(\d{4}|\d{2}[А-ЯЁ]{2})$/,
  numberDigits: 6,
  keys: {
    series: 'validation.licenceSeries.format',
    number: 'validation.licenceNumber.format',
    whole: 'validation.licence.format',
  },
})
