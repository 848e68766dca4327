import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  driverLicence,
  optionalPersonNameSchema,
  personNameSchema,
  phoneSchema,
  vehicleIdentificationSchema,
  zodIssuesToFieldErrors,
  zodIssuesToFieldParams,
} from './index'

const form = z.strictObject({
  insured: z.object({ lastName: personNameSchema, patronymic: optionalPersonNameSchema, phone: phoneSchema }),
  drivers: z.array(z.object({ licence: driverLicence.wholeSchema, experienceYears: z.number().min(0) })),
  vehicle: vehicleIdentificationSchema,
})

function errorOf(input: unknown, reportInput = true) {
  const r = form.safeParse(input, { reportInput })
  if (r.success) throw new Error('expected a failure')
  return r.error
}

describe('field errors', () => {
  const error = errorOf({
    insured: { lastName: 'Ivanov', phone: 12 },
    drivers: [
      { licence: '99 12 345678', experienceYears: 3 },
      { licence: '77 АВ 12', experienceYears: -1 },
    ],
    vehicle: { vin: 'JHMCM56557C40445' },
    comment: 'x',
  })

  it('maps each path to the message key of its first issue', () => {
    expect(zodIssuesToFieldErrors(error)).toEqual({
      'insured.lastName': 'validation.personName.latin',
      'insured.phone': 'validation.invalidType',
      'drivers.1.licence': 'validation.licence.format',
      'drivers.1.experienceYears': 'validation.number.min',
      'vehicle.vin': 'validation.vin.tooShort',
      comment: 'validation.unknownField',
    })
  })
  it('gives the placeholder values by the same paths', () => {
    expect(zodIssuesToFieldParams(error)).toEqual({ 'vehicle.vin': { n: 16 }, comment: { field: 'comment' } })
  })
  it('tells a missing field from a wrong type when the input is reported', () => {
    expect(
      zodIssuesToFieldErrors(errorOf({ insured: {}, drivers: [], vehicle: { vin: 'JHMCM56557C404453' } })),
    ).toEqual({
      'insured.lastName': 'validation.required',
      'insured.phone': 'validation.required',
    })
    expect(zodIssuesToFieldErrors(errorOf({ drivers: 'none', vehicle: {} }, false))).toEqual({
      insured: 'validation.invalidType',
      drivers: 'validation.invalidType',
      'vehicle.vin': 'validation.required',
    })
  })
  it('files issues about the whole input under (input)', () => {
    expect(zodIssuesToFieldErrors(errorOf(null))).toEqual({ '(input)': 'validation.invalidType' })
  })
})
