import { optionalField, requiredField, type FieldRules } from './field'
import { latinTwinsToCyrillic, stripSeparators } from './lookalikes'
import type { ValidationKey } from './messageKey'

/** A document identified by a series and a number (passport, licence, PTS, STS, policy blank). */
export interface SeriesNumberFormat {
  /** Tested on the normalised series: no separators, upper case, Latin twins already Cyrillic. */
  series: RegExp
  numberDigits: number
  keys: { series: ValidationKey; number: ValidationKey; whole: ValidationKey }
}

export interface SeriesAndNumber {
  series: string
  number: string
}

/** Series letters are Cyrillic on every Russian document, so Latin twins typed by mistake are folded. */
export function normaliseSeries(raw: string): string {
  return latinTwinsToCyrillic(stripSeparators(raw).toUpperCase())
}

export function normaliseDocumentNumber(raw: string): string {
  return stripSeparators(raw)
}

function rulesFor(normalise: (raw: string) => string, ok: (v: string) => boolean, key: ValidationKey): FieldRules {
  return {
    normalise,
    check(raw) {
      const value = normalise(raw)
      if (value === '') return 'validation.required'
      return ok(value) ? null : key
    },
  }
}

/**
 * Rules and schemas for the series alone, the number alone, and both typed in one field ("77 ТК 123456"; the number
 * is the trailing digits). The one-field form normalises to "SERIES NUMBER" and parses to `{ series, number }`.
 */
export function seriesNumberDocument(format: SeriesNumberFormat) {
  const numberPattern = new RegExp(`^\\d{${format.numberDigits}}$`)

  const split = (raw: string): SeriesAndNumber | null => {
    const compact = normaliseSeries(raw)
    if (compact.length <= format.numberDigits) return null
    const number = compact.slice(-format.numberDigits)
    return numberPattern.test(number) ? { series: compact.slice(0, -format.numberDigits), number } : null
  }

  const series = rulesFor(normaliseSeries, (v) => format.series.test(v), format.keys.series)
  const number = rulesFor(normaliseDocumentNumber, (v) => numberPattern.test(v), format.keys.number)
  const whole = rulesFor(
    (raw) => {
      const parts = split(raw)
      return parts ? `${parts.series} ${parts.number}` : normaliseSeries(raw)
    },
    (v) => {
      const parts = split(v)
      return parts !== null && format.series.test(parts.series)
    },
    format.keys.whole,
  )
  const toParts = (normalised: string): SeriesAndNumber => {
    const [s = '', n = ''] = normalised.split(' ')
    return { series: s, number: n }
  }

  return {
    series,
    number,
    whole,
    seriesSchema: requiredField(series),
    numberSchema: requiredField(number),
    wholeSchema: requiredField(whole).transform(toParts),
    optionalWholeSchema: optionalField(whole).transform((v) => (v === null ? null : toParts(v))),
  }
}

export type SeriesNumberDocument = ReturnType<typeof seriesNumberDocument>
