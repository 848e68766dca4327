import { seriesNumberDocument } from './seriesNumber'

/** A paper policy blank: series of 3 Cyrillic letters and a 10-digit number (docs/domain/product-decisions.md). */
export const policyBlank = seriesNumberDocument({
  series: /^[А-ЯЁ]{3}$/,
  numberDigits: 10,
  keys: {
    series: 'validation.policySeries.format',
    number: 'validation.policyNumber.format',
    whole: 'validation.policyBlank.format',
  },
})
