import { describe, expect, it } from 'vitest'
import { CascoQuoteError } from './errors'
import { parseCascoQuoteInput } from './quoteInput'
import { baseInput } from './testFixtures'

function problem(raw: unknown): [string | null, string] {
  try {
    parseCascoQuoteInput(raw)
  } catch (e) {
    if (e instanceof CascoQuoteError) return [e.field, e.messageKey]
    throw e
  }
  throw new Error('expected an input error')
}

const base = baseInput()
const opt = base.options[0]!

describe('CASCO quote input', () => {
  it('fills in the defaults of an option and of the contract', () => {
    const input = parseCascoQuoteInput(base)
    expect(input.termMonths).toBe(12)
    expect(input.previousPolicy).toBeNull()
    expect(input.startDate).toBeUndefined()
    expect(input.options[0]).toEqual({
      program: 'resoauto',
      risks: 'damageTheft',
      extras: [],
      gap: false,
      uts: false,
      accident: null,
      extendedLiabilityKopecks: null,
      franchise: { type: 'none' },
      settlement: 'dealer',
      territory: 'rf',
      plan: 'single',
      discountPercent: 0,
    })
  })

  it('names the field and the message key of the first problem', () => {
    expect(problem({ ...base, sumInsuredKopecks: 120_000_001 })).toEqual([
      'sumInsuredKopecks',
      'casco.input.sumInsuredAboveValue',
    ])
    expect(problem({ ...base, sumInsuredKopecks: 1.5 })).toEqual(['sumInsuredKopecks', 'casco.input.kopecks'])
    expect(problem({ ...base, quoteDate: '2026-02-30' })).toEqual(['quoteDate', 'casco.input.dateFormat'])
    expect(problem({ ...base, startDate: '2026-03-01' })).toEqual(['startDate', 'casco.input.startBeforeQuote'])
    expect(problem({ ...base, vehicle: { ...base.vehicle, year: 2028 } })).toEqual([
      'vehicle.year',
      'casco.input.yearInFuture',
    ])
    expect(problem({ ...base, vehicle: { ...base.vehicle, antiTheft: ['alarm', 'alarm'] } })).toEqual([
      'vehicle.antiTheft',
      'casco.input.antiTheftTwice',
    ])
    expect(problem({ ...base, vehicle: { ...base.vehicle, antiTheft: ['laser'] } })).toEqual([
      'vehicle.antiTheft[0]',
      'casco.input.antiTheft',
    ])
    expect(problem({ ...base, drivers: [] })).toEqual(['drivers', 'casco.input.driversEmpty'])
    expect(problem({ ...base, options: [] })).toEqual(['options', 'casco.input.optionsEmpty'])
    expect(problem({ ...base, termMonths: 6, options: [{ ...opt, plan: 'two' }] })).toEqual([
      'options[0].plan',
      'casco.input.instalmentsNeedYear',
    ])
    expect(problem({ ...base, options: [{ ...opt, discountPercent: 100 }] })).toEqual([
      'options[0].discountPercent',
      'casco.input.discountTooLarge',
    ])
    expect(problem({ ...base, options: [{ ...opt, discountPercent: 5.555 }] })).toEqual([
      'options[0].discountPercent',
      'casco.input.percent',
    ])
    expect(problem({ ...base, options: [{ ...opt, risks: 'fire' }] })).toEqual([
      'options[0].risks',
      'casco.input.risks',
    ])
    expect(problem({ ...base, extra: 1 })).toEqual(['extra', 'casco.input.unknownField'])
    expect(problem({ ...base, vehicle: { ...base.vehicle, marketValueKopecks: undefined } })).toEqual([
      'vehicle.marketValueKopecks',
      'casco.input.kopecks',
    ])
  })

  it('takes a driver by age or birth date, and experience in years or a licence date — exactly one of each', () => {
    expect(
      parseCascoQuoteInput({
        ...base,
        drivers: [{ birthDate: '1990-01-01', licenseSince: '2010-01-01', gender: 'female' }],
      }).drivers,
    ).toHaveLength(1)
    expect(
      problem({ ...base, drivers: [{ age: 30, birthDate: '1990-01-01', experienceYears: 3, gender: 'male' }] }),
    ).toEqual(['drivers[0].age', 'casco.input.ageOrBirthDate'])
    expect(problem({ ...base, drivers: [{ age: 30, gender: 'male' }] })).toEqual([
      'drivers[0].experienceYears',
      'casco.input.experienceOrLicence',
    ])
    expect(problem({ ...base, drivers: [{ age: 15, experienceYears: 0, gender: 'male' }] })).toEqual([
      'drivers[0].age',
      'casco.input.age',
    ])
  })

  it('takes a franchise in kopecks or in percent with at most two decimals', () => {
    const franchise = (f: unknown) => ({ ...base, options: [{ ...opt, franchise: f }] })
    expect(
      parseCascoQuoteInput(franchise({ type: 'conditional', mode: 'percent', value: 2.5 })).options[0]!.franchise,
    ).toEqual({ type: 'conditional', mode: 'percent', value: 2.5 })
    expect(problem(franchise({ type: 'conditional', mode: 'amount', value: 100.5 }))).toEqual([
      'options[0].franchise.value',
      'casco.input.kopecks',
    ])
    expect(problem(franchise({ type: 'unconditional', mode: 'percent', value: 0.125 }))).toEqual([
      'options[0].franchise.value',
      'casco.input.percent',
    ])
    expect(problem(franchise({ type: 'unconditional', mode: 'percent', value: 0 }))).toEqual([
      'options[0].franchise.value',
      'casco.input.franchiseValue',
    ])
    expect(problem(franchise({ type: 'deductible' }))[0]).toBe('options[0].franchise.type')
  })

  it('takes a catalogue model or another one with its origin', () => {
    expect(
      parseCascoQuoteInput({
        ...base,
        vehicle: { ...base.vehicle, model: { other: { name: 'Tank 300', foreign: true } } },
      }).vehicle.model,
    ).toEqual({ other: { name: 'Tank 300', foreign: true } })
    expect(problem({ ...base, vehicle: { ...base.vehicle, model: { other: { name: 'Tank 300' } } } })[0]).toBe(
      'vehicle.model',
    )
  })

  it('checks the previous policy dates', () => {
    const previousPolicy = { startDate: '2025-03-05', endDate: '2025-03-04', claims: 0, sameOwnerAndInsured: true }
    expect(problem({ ...base, previousPolicy })).toEqual([
      'previousPolicy.endDate',
      'casco.input.previousEndsBeforeStart',
    ])
    expect(problem({ ...base, previousPolicy: { ...previousPolicy, endDate: '2026-03-04', claims: -1 } })).toEqual([
      'previousPolicy.claims',
      'casco.input.claims',
    ])
  })
})
