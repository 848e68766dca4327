import { describe, expect, it } from 'vitest'
import type { CascoQuoteInputJson } from './quoteInput'
import { baseInput, ctx, quote } from './testFixtures'

const codes = (flags: { code: string }[]) => flags.map((f) => f.code)

/** Kia Rio is theft-prone in the catalogue; a Hyundai Solaris is not. */
const calm: CascoQuoteInputJson = baseInput({
  vehicle: { ...baseInput().vehicle, model: { modelId: 'hyundai-solaris' } },
})

describe('CASCO underwriting checks (docs/domain/casco.md#c6)', () => {
  it('fire nothing on an ordinary quote', () => {
    const q = quote(calm)
    expect(q.underwritingFlags).toEqual([])
    expect(q.options[0]!.underwritingFlags).toEqual([])
  })

  it('sum insured above the branch limit (5 M in the example), not at it', () => {
    const at = {
      ...calm,
      vehicle: { ...calm.vehicle, marketValueKopecks: 600_000_000 },
      sumInsuredKopecks: 500_000_000,
    }
    expect(quote(at).underwritingFlags).toEqual([])
    expect(quote({ ...at, sumInsuredKopecks: 500_000_001 }).underwritingFlags).toEqual([
      {
        code: 'sumInsuredAboveLimit',
        reason: {
          key: 'casco.underwriting.sumInsuredAboveLimit',
          params: { limit: '5\u00a0000\u00a0000,00', actual: '5\u00a0000\u00a0000,01' },
        },
      },
    ])
  })

  it('old vehicle: above 10 years', () => {
    expect(codes(quote({ ...calm, vehicle: { ...calm.vehicle, year: 2016 } }).underwritingFlags)).toEqual([])
    expect(quote({ ...calm, vehicle: { ...calm.vehicle, year: 2015 } }).underwritingFlags).toEqual([
      { code: 'oldVehicle', reason: { key: 'casco.underwriting.oldVehicle', params: { max: 10, actual: 11 } } },
    ])
  })

  it('young drivers: under 22 or under 2 years of experience, naming them; not for an unlimited list', () => {
    const drivers = [
      { age: 22, experienceYears: 2, gender: 'male' as const },
      { age: 21, experienceYears: 5, gender: 'female' as const },
      { age: 40, experienceYears: 1, gender: 'male' as const },
    ]
    expect(quote({ ...calm, drivers }).underwritingFlags).toEqual([
      {
        code: 'youngDrivers',
        reason: { key: 'casco.underwriting.youngDrivers', params: { drivers: '2, 3', age: 22, experience: 2 } },
      },
    ])
    expect(quote({ ...calm, drivers: 'unlimited' }).underwritingFlags).toEqual([])
  })

  it('theft-prone model when theft is covered, and the missing tracking system — per option', () => {
    const q = quote(
      baseInput({
        options: [
          { risks: 'damage', settlement: 'dealer' },
          { risks: 'damageTheft', settlement: 'dealer' },
        ],
      }),
    )
    expect(q.underwritingFlags).toEqual([])
    expect(q.options[0]!.underwritingFlags).toEqual([])
    expect(q.options[1]!.underwritingFlags).toEqual([
      { code: 'theftProneModel', reason: { key: 'casco.underwriting.theftProneModel', params: { model: 'Kia Rio' } } },
      {
        code: 'antiTheftMissing',
        reason: {
          key: 'casco.underwriting.antiTheftMissing',
          params: { model: 'Kia Rio', systems: 'satellite, partnerSatellite' },
        },
      },
    ])
    const tracked = quote(baseInput({ vehicle: { ...baseInput().vehicle, antiTheft: ['partnerSatellite'] } }))
    expect(codes(tracked.options[0]!.underwritingFlags)).toEqual(['theftProneModel'])
  })

  it("clerk's discount outside the corridor (10 %), per option", () => {
    const q = quote({
      ...calm,
      options: [
        { risks: 'damage', settlement: 'dealer', discountPercent: 10 },
        { risks: 'damage', settlement: 'dealer', discountPercent: 10.5 },
      ],
    })
    expect(q.options[0]!.underwritingFlags).toEqual([])
    expect(q.options[1]!.underwritingFlags).toEqual([
      {
        code: 'discountOutsideCorridor',
        reason: { key: 'casco.underwriting.discountOutsideCorridor', params: { percent: '10,5', max: '10' } },
      },
    ])
  })

  it('each option carries the contract-wide checks too', () => {
    const q = quote({
      ...baseInput(),
      vehicle: { ...baseInput().vehicle, year: 2015 },
      options: [{ risks: 'damageTheft', settlement: 'cash' }],
    })
    expect(codes(q.underwritingFlags)).toEqual(['oldVehicle'])
    expect(codes(q.options[0]!.underwritingFlags)).toEqual(['oldVehicle', 'theftProneModel', 'antiTheftMissing'])
  })

  it('a check set to null in the data does not fire', () => {
    const programs = structuredClone(ctx.programs)
    programs.data.underwriting = {
      branchSumInsuredLimitKopecks: null,
      maxVehicleAge: null,
      youngDriver: null,
      theftProne: null,
      discountCorridorPercent: null,
    }
    const q = quote(
      {
        ...baseInput(),
        vehicle: { ...baseInput().vehicle, year: 2015, marketValueKopecks: 900_000_000 },
        sumInsuredKopecks: 900_000_000,
        drivers: [{ age: 19, experienceYears: 0, gender: 'male' }],
        options: [{ risks: 'damageTheft', settlement: 'cash', discountPercent: 50 }],
      },
      undefined,
      { ...ctx, programs },
    )
    expect(q.options[0]!.underwritingFlags).toEqual([])
  })
})
