import { optionalField, requiredField, type FieldRules } from './field'
import { isDigits, weightedSum } from './digits'
import { stripSeparators } from './lookalikes'
import type { ValidationKey } from './messageKey'

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const

const control = (digits: string, weights: readonly number[]) => (weightedSum(digits, weights) % 11) % 10

/** The check digits that follow `body`: one for a 9-digit body (legal entity), two for a 10-digit body (individual). */
export function innCheckDigits(body: string): string {
  if (isDigits(body, 9)) return String(control(body, W10))
  if (isDigits(body, 10)) {
    const d11 = control(body, W11)
    return `${d11}${control(body + d11, W12)}`
  }
  throw new Error(`INN body must have 9 or 10 digits, got "${body}"`)
}

export function innChecksumMatches(inn: string): boolean {
  if (!isDigits(inn, 10) && !isDigits(inn, 12)) return false
  const bodyLength = inn.length === 10 ? 9 : 10
  return innCheckDigits(inn.slice(0, bodyLength)) === inn.slice(bodyLength)
}

function innRules(lengths: readonly (10 | 12)[], lengthKey: ValidationKey): FieldRules {
  return {
    normalise: stripSeparators,
    check(raw) {
      const value = stripSeparators(raw)
      if (value === '') return 'validation.required'
      if (!lengths.some((n) => isDigits(value, n))) return lengthKey
      return innChecksumMatches(value) ? null : 'validation.inn.checksum'
    },
  }
}

/** Either kind: 10 digits (organisation) or 12 (individual, including sole traders). */
export const inn = innRules([10, 12], 'validation.inn.format')
export const legalEntityInn = innRules([10], 'validation.inn.legalEntityLength')
export const individualInn = innRules([12], 'validation.inn.individualLength')

export const innSchema = requiredField(inn)
export const optionalInnSchema = optionalField(inn)
export const legalEntityInnSchema = requiredField(legalEntityInn)
export const individualInnSchema = requiredField(individualInn)
export const optionalIndividualInnSchema = optionalField(individualInn)
