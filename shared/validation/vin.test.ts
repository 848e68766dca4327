import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normaliseVin, optionalVinSchema, vehicleIdentificationSchema, vinSchema } from './index'
import { keyOf, parsed } from './testing'

const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const validVin = fc.string({ unit: fc.constantFrom(...VIN_ALPHABET), minLength: 17, maxLength: 17 })
const TWINS: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
  Y: 'У',
}

const issuesOf = (input: unknown) => {
  const r = vehicleIdentificationSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
}

describe('VIN', () => {
  it('accepts a VIN in any case, with spaces, typed partly in the Cyrillic layout', () => {
    expect(parsed(vinSchema, 'JHMCM56557C404453')).toBe('JHMCM56557C404453')
    expect(parsed(vinSchema, 'jhmcm 56557 c404453')).toBe('JHMCM56557C404453')
    expect(parsed(vinSchema, 'ХТА21099043576182')).toBe('XTA21099043576182') // Х, Т, А typed in Cyrillic
  })
  it('does not enforce the North-American check digit', () => {
    expect(keyOf(vinSchema, '1M8GDM9AXKP042788')).toBeNull() // check digit X is right
    expect(keyOf(vinSchema, '1M8GDM9A1KP042788')).toBeNull() // and wrong
  })
  it('refuses I, O and Q with their own message, never turning O into 0', () => {
    expect(keyOf(vinSchema, 'JHMCM56557C4O4453')).toBe('validation.vin.forbiddenLetters')
    expect(keyOf(vinSchema, 'JHMCM56557C4О4453')).toBe('validation.vin.forbiddenLetters') // Cyrillic О
    expect(keyOf(vinSchema, 'JHMCM56557C4I4453')).toBe('validation.vin.forbiddenLetters')
    expect(keyOf(vinSchema, 'JHMCM56557C4Q4453')).toBe('validation.vin.forbiddenLetters')
    expect(normaliseVin('o')).toBe('O')
  })
  it('counts the characters in the length message', () => {
    const short = vinSchema.safeParse('JHMCM56557C40445')
    expect(short.success).toBe(false)
    expect(short.error?.issues[0]).toMatchObject({ message: 'validation.vin.tooShort', params: { n: 16 } })
    const long = vinSchema.safeParse('JHMCM56557C4044531')
    expect(long.error?.issues[0]).toMatchObject({ message: 'validation.vin.tooLong', params: { n: 18 } })
  })
  it('says what else is wrong', () => {
    expect(keyOf(vinSchema, 'ОТСУТСТВУЕТ')).toBe('validation.vin.missingWord')
    expect(keyOf(vinSchema, 'отсутствует')).toBe('validation.vin.missingWord')
    expect(keyOf(vinSchema, 'JHMCM56557C40445Ж')).toBe('validation.vin.characters')
    expect(keyOf(vinSchema, 'JHMCM56557C4044.3')).toBe('validation.vin.characters')
    expect(keyOf(vinSchema, '')).toBe('validation.required')
    expect(parsed(optionalVinSchema, ' ')).toBeNull()
  })
  it('accepts every 17-character string of the VIN alphabet, also retyped with Cyrillic twins', () => {
    fc.assert(
      fc.property(validVin, fc.array(fc.boolean(), { minLength: 17, maxLength: 17 }), (vin, flips) => {
        const typed = [...vin]
          .map((c, i) => (flips[i] && TWINS[c] ? TWINS[c] : c))
          .join('')
          .toLowerCase()
        expect(parsed(vinSchema, typed)).toBe(vin)
      }),
    )
  })
  it('refuses any VIN with an I, O or Q in it', () => {
    fc.assert(
      fc.property(
        validVin,
        fc.constantFrom('I', 'O', 'Q', 'i', 'o', 'q', 'О', 'о'),
        fc.integer({ min: 0, max: 16 }),
        (vin, bad, at) => {
          expect(keyOf(vinSchema, vin.slice(0, at) + bad + vin.slice(at + 1))).toBe('validation.vin.forbiddenLetters')
        },
      ),
    )
  })
})

describe('vehicle identification', () => {
  it('takes a VIN, with body and chassis numbers optional', () => {
    expect(parsed(vehicleIdentificationSchema, { vin: 'JHMCM56557C404453' })).toEqual({
      vinMissing: false,
      vin: 'JHMCM56557C404453',
      bodyNumber: null,
      chassisNumber: null,
    })
  })
  it('takes "VIN missing" with a body or chassis number', () => {
    expect(parsed(vehicleIdentificationSchema, { vinMissing: true, bodyNumber: 'gx110 – 6012345' })).toEqual({
      vinMissing: true,
      vin: null,
      bodyNumber: 'GX110-6012345',
      chassisNumber: null,
    })
    expect(
      parsed(vehicleIdentificationSchema, { vinMissing: true, vin: 'ОТСУТСТВУЕТ', chassisNumber: 'ZZE122-0012345' }),
    ).toEqual({
      vinMissing: true,
      vin: null,
      bodyNumber: null,
      chassisNumber: 'ZZE122-0012345',
    })
  })
  it('says which field is wrong, all at once', () => {
    expect(issuesOf({ vinMissing: true })).toEqual(['bodyNumber:validation.vehicleId.bodyOrChassisRequired'])
    expect(issuesOf({ vinMissing: true, vin: 'JHMCM56557C404453', bodyNumber: 'GX110-6012345' })).toEqual([
      'vin:validation.vehicleId.vinWithMissingMark',
    ])
    expect(issuesOf({ vin: '' })).toEqual(['vin:validation.required'])
    expect(issuesOf({ vin: 'GX1106012345' })).toEqual(['vin:validation.vin.tooShort'])
    expect(issuesOf({ vin: 'JHMCM56557C4O4453', bodyNumber: 'GX110/601', chassisNumber: 'A'.repeat(31) })).toEqual([
      'vin:validation.vin.forbiddenLetters',
      'bodyNumber:validation.bodyNumber.characters',
      'chassisNumber:validation.chassisNumber.tooLong',
    ])
    expect(issuesOf({ vin: 17 })).toEqual(['vin:validation.invalidType'])
  })
})
