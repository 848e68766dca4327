import { requiredField, type FieldRules } from './field'
import { stripSeparators } from './lookalikes'
import type { ValidationKey } from './messageKey'
import { seriesNumberDocument } from './seriesNumber'

/** Paper PTS: 2 digits (region) + 2 Cyrillic letters, number of 6 digits, e.g. 77 ТК 123456. */
export const pts = seriesNumberDocument({
  series: /^\d{2}[А-ЯЁ]{2}$/,
  numberDigits: 6,
  keys: {
    series: 'validation.ptsSeries.format',
    number: 'validation.ptsNumber.format',
    whole: 'validation.pts.format',
  },
})

/** STS: 2 digits, then 2 Cyrillic letters or 2 digits (newer forms), number of 6 digits. */
export const sts = seriesNumberDocument({
  series: /^\d{2}[А-ЯЁ0-9]{2}$/,
  numberDigits: 6,
  keys: {
    series: 'validation.stsSeries.format',
    number: 'validation.stsNumber.format',
    whole: 'validation.sts.format',
  },
})

function digitsOnly(lengths: readonly number[], key: ValidationKey): FieldRules {
  return {
    normalise: stripSeparators,
    check(raw) {
      const value = stripSeparators(raw)
      if (value === '') return 'validation.required'
      return /^\d+$/.test(value) && lengths.includes(value.length) ? null : key
    },
  }
}

/** Electronic PTS: a 15-digit number assigned by the system. */
export const epts = digitsOnly([15], 'validation.epts.format')
export const eptsSchema = requiredField(epts)

/** EAISTO diagnostic card: 15 digits; cards issued under the older scheme carry 21. */
export const diagnosticCard = digitsOnly([15, 21], 'validation.diagnosticCard.format')
export const diagnosticCardSchema = requiredField(diagnosticCard)
