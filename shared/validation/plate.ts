import { optionalField, requiredField, type FieldRules } from './field'
import { LOOKALIKE_CYRILLIC, latinTwinsToCyrillic } from './lookalikes'

/** Type 1 (private cars): letter, 3 digits, 2 letters, region of 2–3 digits. */
const TYPE_1 = new RegExp(`^[${LOOKALIKE_CYRILLIC}]\\d{3}[${LOOKALIKE_CYRILLIC}]{2}\\d{2,3}$`)
/** Taxi: 2 letters, 3 digits, region of 2–3 digits. */
const TAXI = new RegExp(`^[${LOOKALIKE_CYRILLIC}]{2}\\d{3}\\d{2,3}$`)
const ALLOWED_LETTER = new RegExp(`[${LOOKALIKE_CYRILLIC}]`)

export type PlateKind = 'type1' | 'taxi'

/**
 * Plates use only the 12 Cyrillic letters that have Latin twins, so a plate typed in the Latin layout is the same
 * plate: fold to Cyrillic, upper case, drop spaces and the separators people copy from the plate frame.
 */
export function normalisePlate(raw: string): string {
  return latinTwinsToCyrillic(raw.toUpperCase().replace(/[\s\-|]/g, ''))
}

export function plateKind(raw: string): PlateKind | null {
  const value = normalisePlate(raw)
  if (TYPE_1.test(value)) return 'type1'
  if (TAXI.test(value)) return 'taxi'
  return null
}

export const plate: FieldRules = {
  normalise: normalisePlate,
  check(raw) {
    const value = normalisePlate(raw)
    if (value === '') return 'validation.required'
    for (const c of value) if (/\p{L}/u.test(c) && !ALLOWED_LETTER.test(c)) return 'validation.plate.letters'
    return plateKind(value) === null ? 'validation.plate.format' : null
  },
}

export const plateSchema = requiredField(plate)
/** A vehicle not yet registered has no plate: empty comes out as null. */
export const optionalPlateSchema = optionalField(plate)
