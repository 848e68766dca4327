import { optionalField, requiredField, type FieldRules } from './field'
import { cyrillicTwinsToLatin, stripSeparators } from './lookalikes'

export const VIN_LENGTH = 17

/**
 * VINs are Latin (ISO 3779), but clerks type them in the Cyrillic layout, so Cyrillic twins are folded to Latin.
 * Cyrillic О becomes Latin O on purpose: it is then refused with the I/O/Q message. Nothing turns O into 0 — that
 * would be a guess about what the document says.
 */
export function normaliseVin(raw: string): string {
  return cyrillicTwinsToLatin(stripSeparators(raw).toUpperCase())
}

/** The word the PTS prints when there is no VIN, as it looks after VIN normalisation. */
const MISSING_WORD = normaliseVin('ОТСУТСТВУЕТ')

export function isVinMissingWord(raw: string): boolean {
  return normaliseVin(raw) === MISSING_WORD
}

/** No check digit: position 9 is only meaningful for North-American VINs (docs/domain/vehicles-and-documents.md#b3). */
export const vin: FieldRules = {
  normalise: normaliseVin,
  check(raw) {
    const value = normaliseVin(raw)
    if (value === '') return 'validation.required'
    if (value === MISSING_WORD) return 'validation.vin.missingWord'
    if (!/^[A-Z0-9]+$/.test(value)) return 'validation.vin.characters'
    if (/[IOQ]/.test(value)) return 'validation.vin.forbiddenLetters'
    if (value.length < VIN_LENGTH) return 'validation.vin.tooShort'
    if (value.length > VIN_LENGTH) return 'validation.vin.tooLong'
    return null
  },
  params(key, value) {
    return key === 'validation.vin.tooShort' || key === 'validation.vin.tooLong' ? { n: value.length } : undefined
  },
}

export const vinSchema = requiredField(vin)
export const optionalVinSchema = optionalField(vin)
