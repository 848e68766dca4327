import { requiredField, type FieldRules } from './field'
import { isDigits, remainderOf } from './digits'
import { stripSeparators } from './lookalikes'
import type { ValidationKey } from './messageKey'

/** OGRN: the 12-digit body mod 11, then mod 10. OGRNIP: the 14-digit body mod 13, then mod 10. */
export function ogrnCheckDigit(body: string): number {
  if (isDigits(body, 12)) return remainderOf(body, 11) % 10
  if (isDigits(body, 14)) return remainderOf(body, 13) % 10
  throw new Error(`OGRN body must have 12 or 14 digits, got "${body}"`)
}

export function ogrnChecksumMatches(value: string): boolean {
  if (!isDigits(value, 13) && !isDigits(value, 15)) return false
  return String(ogrnCheckDigit(value.slice(0, -1))) === value.slice(-1)
}

function ogrnRules(length: 13 | 15, keys: { format: ValidationKey; checksum: ValidationKey }): FieldRules {
  return {
    normalise: stripSeparators,
    check(raw) {
      const value = stripSeparators(raw)
      if (value === '') return 'validation.required'
      if (!isDigits(value, length)) return keys.format
      return ogrnChecksumMatches(value) ? null : keys.checksum
    },
  }
}

export const ogrn = ogrnRules(13, { format: 'validation.ogrn.format', checksum: 'validation.ogrn.checksum' })
export const ogrnip = ogrnRules(15, { format: 'validation.ogrnip.format', checksum: 'validation.ogrnip.checksum' })

export const ogrnSchema = requiredField(ogrn)
export const ogrnipSchema = requiredField(ogrnip)
