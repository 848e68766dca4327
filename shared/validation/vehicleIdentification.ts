import { z } from 'zod'
import { optionalField, problemOf, reportProblem, textInputError, type FieldRules } from './field'
import { cyrillicTwinsToLatin } from './lookalikes'
import type { FieldProblem, ValidationKey } from './messageKey'
import { isVinMissingWord, normaliseVin, vin } from './vin'

export const FRAME_NUMBER_MAX = 30

/**
 * Body and chassis numbers (e.g. Japanese frame numbers like GX110-6012345) keep their hyphen; unlike a VIN they may
 * contain I, O and Q. A sanity limit on length only.
 */
function frameNumber(keys: { characters: ValidationKey; tooLong: ValidationKey }): FieldRules {
  const normalise = (raw: string) =>
    cyrillicTwinsToLatin(
      raw
        .replace(/\s/g, '')
        .replace(/[\u2010-\u2015\u2212]/g, '-')
        .toUpperCase(),
    )
  return {
    normalise,
    check(raw) {
      const value = normalise(raw)
      if (value === '') return 'validation.required'
      if (!/^[A-Z0-9-]+$/.test(value)) return keys.characters
      return value.length > FRAME_NUMBER_MAX ? keys.tooLong : null
    },
    params: (key) => (key === keys.tooLong ? { max: FRAME_NUMBER_MAX } : undefined),
  }
}

export const bodyNumber = frameNumber({
  characters: 'validation.bodyNumber.characters',
  tooLong: 'validation.bodyNumber.tooLong',
})
export const chassisNumber = frameNumber({
  characters: 'validation.chassisNumber.characters',
  tooLong: 'validation.chassisNumber.tooLong',
})
export const optionalBodyNumberSchema = optionalField(bodyNumber)
export const optionalChassisNumberSchema = optionalField(chassisNumber)

export interface VehicleIdentificationInput {
  vinMissing?: boolean | null | undefined
  vin?: string | null | undefined
  bodyNumber?: string | null | undefined
  chassisNumber?: string | null | undefined
}

export interface VehicleIdentification {
  /** The PTS reads "ОТСУТСТВУЕТ" in the VIN line; the body or chassis number identifies the car. */
  vinMissing: boolean
  vin: string | null
  bodyNumber: string | null
  chassisNumber: string | null
}

/** The value as typed when it has content, otherwise null. */
const present = (rules: FieldRules, raw: string | null | undefined): string | null =>
  raw === null || raw === undefined || rules.normalise(raw) === '' ? null : raw

/** Either a valid VIN, or the "VIN missing" mark with a body or chassis number. */
export function checkVehicleIdentification(input: VehicleIdentificationInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  const push = (p: FieldProblem | null) => {
    if (p) problems.push(p)
  }
  const vinText = present(vin, input.vin)
  const bodyText = present(bodyNumber, input.bodyNumber)
  const chassisText = present(chassisNumber, input.chassisNumber)
  if (input.vinMissing === true) {
    // The word itself in the VIN field is what the PTS shows, so it agrees with the mark.
    if (vinText !== null && !isVinMissingWord(vinText))
      push({ path: ['vin'], key: 'validation.vehicleId.vinWithMissingMark' })
    if (bodyText === null && chassisText === null)
      push({ path: ['bodyNumber'], key: 'validation.vehicleId.bodyOrChassisRequired' })
  } else {
    push(problemOf(vin, vinText ?? '', ['vin']))
  }
  if (bodyText !== null) push(problemOf(bodyNumber, bodyText, ['bodyNumber']))
  if (chassisText !== null) push(problemOf(chassisNumber, chassisText, ['chassisNumber']))
  return problems
}

/** The normalised identification; meaningful once checkVehicleIdentification found nothing. */
export function normaliseVehicleIdentification(input: VehicleIdentificationInput): VehicleIdentification {
  const vinMissing = input.vinMissing === true
  const vinText = present(vin, input.vin)
  const bodyText = present(bodyNumber, input.bodyNumber)
  const chassisText = present(chassisNumber, input.chassisNumber)
  return {
    vinMissing,
    vin: vinMissing || vinText === null ? null : normaliseVin(vinText),
    bodyNumber: bodyText === null ? null : bodyNumber.normalise(bodyText),
    chassisNumber: chassisText === null ? null : chassisNumber.normalise(chassisText),
  }
}

/** The raw fields, for forms that keep them flat in a larger vehicle object (then run the checker in a transform). */
export const vehicleIdentificationShape = {
  vinMissing: z.boolean({ error: textInputError }).nullish(),
  vin: z.string({ error: textInputError }).nullish(),
  bodyNumber: z.string({ error: textInputError }).nullish(),
  chassisNumber: z.string({ error: textInputError }).nullish(),
}

export const vehicleIdentificationSchema = z.object(vehicleIdentificationShape).transform((input, ctx) => {
  const problems = checkVehicleIdentification(input)
  for (const p of problems) reportProblem(ctx, p)
  return problems.length > 0 ? z.NEVER : normaliseVehicleIdentification(input)
})
