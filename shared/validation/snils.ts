import { optionalField, requiredField, type FieldRules } from './field'
import { isDigits, weightedSum } from './digits'
import { stripSeparators } from './lookalikes'

/** Numbers up to 001-001-998 were issued before the check number existed (docs/domain/vehicles-and-documents.md#b3). */
const LAST_UNCHECKED = 1_001_998

/** Σ d_i·(10−i) over the 9 digits; below 100 it is the check number, 100 and 101 give 00, above that mod 101. */
export function snilsCheckNumber(body: string): string {
  if (!isDigits(body, 9)) throw new Error(`SNILS body must have 9 digits, got "${body}"`)
  const sum = weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2, 1])
  const check = sum < 100 ? sum : (sum % 101) % 100
  return String(check).padStart(2, '0')
}

export function snilsChecksumMatches(snils: string): boolean {
  if (!isDigits(snils, 11)) return false
  const body = snils.slice(0, 9)
  return Number(body) <= LAST_UNCHECKED || snilsCheckNumber(body) === snils.slice(9)
}

/** Stored as 11 digits; shown as 112-233-445 95. */
export function formatSnils(digits: string): string {
  return isDigits(digits, 11)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`
    : digits
}

export const snils: FieldRules = {
  normalise: stripSeparators,
  check(raw) {
    const value = stripSeparators(raw)
    if (value === '') return 'validation.required'
    if (!isDigits(value, 11)) return 'validation.snils.format'
    return snilsChecksumMatches(value) ? null : 'validation.snils.checksum'
  },
}

export const snilsSchema = requiredField(snils)
export const optionalSnilsSchema = optionalField(snils)
