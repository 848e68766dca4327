import { describe, expect, it } from 'vitest'
import { CascoQuoteError } from './errors'
import type { CascoOptionQuote } from './quoteTypes'
import { cascoQuoteInputSchema, type CascoQuoteInput, type CascoQuoteInputJson } from './quoteInput'
import { quoteCasco } from './quote'
import { baseInput, ctx, parse, quote, tariff } from './testFixtures'

type OptionJson = CascoQuoteInputJson['options'][number]

function one(option: Partial<OptionJson> = {}, overrides: Partial<CascoQuoteInputJson> = {}): CascoOptionQuote {
  return quote(baseInput({ ...overrides, options: [{ risks: 'damageTheft', settlement: 'dealer', ...option }] }))
    .options[0]!
}

function factor(o: CascoOptionQuote, code: string) {
  return o.factors.find((f) => f.code === code)
}

function error(f: () => unknown): Pick<CascoQuoteError, 'kind' | 'field' | 'messageKey' | 'params'> {
  try {
    f()
  } catch (e) {
    if (e instanceof CascoQuoteError)
      return { kind: e.kind, field: e.field, messageKey: e.messageKey, params: e.params }
    throw e
  }
  throw new Error('expected CascoQuoteError')
}

describe('CASCO quote — worked example', () => {
  it('prices each component as base × rate × its factors and adds the rounded components', () => {
    const q = quote(baseInput())
    expect(q).toMatchObject({
      tariffVersion: 'example-2022.1',
      programsVersion: 'example-2022.2',
      startDate: '2026-03-02',
      vehicleAgeYears: 4,
      vehicleClass: 'B-economy',
    })
    const o = q.options[0]!
    // Damage: 1 200 000 ₽ × 6.3 % × 0.92 (driver 35 years, 12 years' experience) = 69 552 ₽.
    // Theft: 1 200 000 ₽ × 1.0 % × 1.2 (Kia Rio is theft-prone) × 0.97 (alarm) = 13 968 ₽.
    expect(o.components.map((c) => [c.code, c.baseKopecks, c.ratePercent, c.premiumKopecks])).toEqual([
      ['damage', 120_000_000, 6.3, 6_955_200],
      ['theft', 120_000_000, 1, 1_396_800],
    ])
    expect(o.premiumKopecks).toBe(8_352_000)
    expect(o.schedule).toEqual({
      plan: 'single',
      totalKopecks: 8_352_000,
      payments: [{ dueDate: '2026-03-02', amountKopecks: 8_352_000 }],
      surchargeUnverified: false,
    })
    expect(o.eligible).toBe(true)
    expect(o.totalLossThresholdKopecks).toBe(96_000_000)
    expect(o.gapTable).toBeUndefined()
  })

  it('explains every factor with the components it touches', () => {
    const o = one()
    expect(o.factors.map((f) => [f.code, f.value, f.appliesTo])).toEqual([
      ['drivers', 0.92, ['damage']],
      ['ownerType', 1, ['damage', 'theft']],
      ['region', 1, ['damage', 'theft']],
      ['theftProne', 1.2, ['theft']],
      ['antiTheft', 0.97, ['theft']],
      ['newCar', 1, ['damage']],
      ['mileage', 1, ['damage']],
      ['term', 1, ['damage', 'theft']],
      ['franchise', 1, ['damage']],
      ['settlement', 1, ['damage']],
      ['territory', 1, ['damage', 'theft']],
    ])
    expect(factor(o, 'drivers')!.reason).toEqual({
      key: 'casco.factors.driverMale',
      params: { driver: 1, count: 1, age: 35, experience: 12, ageBand: '30–39', experienceBand: '10+' },
    })
    expect(factor(o, 'region')!.reason).toEqual({
      key: 'casco.factors.regionOther',
      params: { region: 'Калужская область' },
    })
    expect(factor(o, 'theftProne')!.reason).toEqual({ key: 'casco.factors.theftProne', params: { model: 'Kia Rio' } })
    expect(o.components[0]!.reason).toEqual({
      key: 'casco.rates.damage',
      params: { vehicleClass: 'B-economy', ageBand: '4–5', age: 4 },
    })
  })

  it('rounds each component half-up once, at exactly half a kopeck', () => {
    // 100 012 500 kopecks × 6.3 % × 0.92 = 5 796 724.5 → 5 796 725.
    const o = one({ risks: 'damage' }, { sumInsuredKopecks: 100_012_500 })
    expect(o.components).toHaveLength(1)
    expect(o.premiumKopecks).toBe(5_796_725)
  })

  it('warns about unverified values and rules, and is silent when everything is confirmed', () => {
    const o = one()
    expect(o.warnings.map((w) => w.key)).toEqual(['casco.warnings.unverifiedValues', 'casco.warnings.unverifiedRules'])
    expect(o.warnings[0]!.params.items).toContain('rate:damage')
    const confirmed = structuredClone(tariff)
    const confirm = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(confirm)
      else if (node && typeof node === 'object') {
        if ('verified' in node) (node as { verified: boolean }).verified = true
        Object.values(node).forEach(confirm)
      }
    }
    confirm(confirmed.data)
    const programs = structuredClone(ctx.programs)
    confirm(programs.data)
    const clean = quote(baseInput(), confirmed, { ...ctx, programs }).options[0]!
    expect(clean.warnings).toEqual([])
    expect(clean.programs.every((p) => !p.unverifiedRules)).toBe(true)
  })
})

describe('CASCO factors', () => {
  it('takes the highest driver factor and names that driver; unlimited uses the owner-type loading', () => {
    const o = one(
      {},
      {
        drivers: [
          { age: 45, experienceYears: 20, gender: 'male' },
          { age: 20, experienceYears: 1, gender: 'female' },
        ],
      },
    )
    expect(factor(o, 'drivers')).toMatchObject({
      value: 1.9,
      reason: { key: 'casco.factors.driverFemale', params: { driver: 2, count: 2, age: 20 } },
    })
    expect(factor(one({}, { drivers: 'unlimited' }), 'drivers')).toMatchObject({
      value: 1.7,
      reason: { key: 'casco.factors.driversUnlimitedIndividual' },
    })
    const legal = one({}, { drivers: 'unlimited', owner: { type: 'legal', region: 'Москва', city: null } })
    expect(factor(legal, 'drivers')).toMatchObject({
      value: 1.4,
      reason: { key: 'casco.factors.driversUnlimitedLegal' },
    })
    expect(factor(legal, 'ownerType')).toMatchObject({ value: 1.1, reason: { key: 'casco.factors.ownerLegal' } })
    expect(factor(legal, 'region')).toMatchObject({
      value: 1.3,
      reason: { key: 'casco.factors.region', params: { region: 'Москва' } },
    })
  })

  it('multiplies the age/experience cell by the gender factor, exactly', () => {
    const t = structuredClone(tariff)
    t.data.drivers.gender.female.value = 0.95
    const q = quote(baseInput({ drivers: [{ age: 45, experienceYears: 20, gender: 'female' }] }), t).options[0]!
    expect(factor(q, 'drivers')!.value).toBe(0.836) // 0.88 × 0.95
  })

  it('counts age and experience in full years on the start date from the dates', () => {
    const input = baseInput({
      startDate: '2026-03-10',
      drivers: [{ birthDate: '1986-03-10', licenseSince: '2016-03-11', gender: 'male' }],
    })
    // 40 full years on 10.03.2026; the licence is one day short of 10 years → 9.
    expect(factor(quote(input).options[0]!, 'drivers')!.reason.params).toMatchObject({
      age: 40,
      experience: 9,
      ageBand: '40–64',
      experienceBand: '7–9',
    })
  })

  it('makes theft-only prices independent of the drivers (seed 002)', () => {
    const young = one(
      { program: 'theft', risks: 'theft', settlement: 'cash' },
      { drivers: [{ age: 19, experienceYears: 1, gender: 'male' }] },
    )
    const old = one({ program: 'theft', risks: 'theft', settlement: 'cash' }, { drivers: 'unlimited' })
    expect(young.premiumKopecks).toBe(old.premiumKopecks)
    expect(young.factors.map((f) => f.code)).not.toContain('drivers')
    expect(young.factors.map((f) => f.code)).not.toContain('settlement')
  })

  it('takes the strongest installed anti-theft system, and a loading when there is none', () => {
    const vehicle = baseInput().vehicle
    const best = one({}, { vehicle: { ...vehicle, antiTheft: ['alarm', 'satellite', 'immobiliser'] } })
    expect(factor(best, 'antiTheft')).toMatchObject({
      value: 0.85,
      reason: { key: 'casco.factors.antiTheft.satellite' },
    })
    const none = one({}, { vehicle: { ...vehicle, antiTheft: [] } })
    expect(factor(none, 'antiTheft')).toMatchObject({ value: 1.1, reason: { key: 'casco.factors.antiTheftNone' } })
  })

  it('prices a model outside the catalogue as not theft-prone and says why', () => {
    const vehicle = { ...baseInput().vehicle, model: { other: { name: 'Tank 300', foreign: true } } }
    const o = one({}, { vehicle })
    expect(factor(o, 'theftProne')).toMatchObject({
      value: 1,
      reason: { key: 'casco.factors.modelNotInCatalogue', params: { model: 'Tank 300' } },
    })
  })

  it('applies new-car, mileage, settlement, territory and term factors from the tariff', () => {
    const vehicle = baseInput().vehicle
    expect(factor(one({}, { vehicle: { ...vehicle, newCar: true, mileageKm: 10 } }), 'newCar')!.value).toBe(0.95)
    expect(factor(one({}, { vehicle: { ...vehicle, mileageKm: 150_000 } }), 'mileage')).toMatchObject({
      value: 1.1,
      reason: { params: { band: '150\u00a0000+' } },
    })
    expect(factor(one({ settlement: 'clientChoice' }), 'settlement')!.value).toBe(1.1)
    expect(factor(one({ settlement: 'cash' }), 'settlement')!.value).toBe(0.75)
    expect(factor(one({ territory: 'rfAbroad' }), 'territory')!.value).toBe(1.1)
    const short = one({}, { termMonths: 6 })
    expect(factor(short, 'term')).toMatchObject({ value: 0.7, reason: { params: { months: 6 } } })
    expect(short.premiumKopecks).toBe(Math.round(6_955_200 * 0.7) + Math.round(1_396_800 * 0.7))
  })

  it('chooses the franchise band on its share of the sum insured, amount or percent, edges inclusive', () => {
    const pct = (value: number, type: 'conditional' | 'unconditional' = 'unconditional') =>
      factor(one({ franchise: { type, mode: 'percent', value } }), 'franchise')!
    expect(pct(0.5).value).toBe(0.9)
    expect(pct(0.51).value).toBe(0.85)
    expect(pct(10).value).toBe(0.5)
    expect(pct(1, 'conditional').value).toBe(0.92)
    // 12 000 ₽ of 1 200 000 ₽ is exactly 1 %: the 1 % band; one kopeck more is the 2 % band.
    const amount = (value: number) =>
      factor(one({ franchise: { type: 'unconditional', mode: 'amount', value } }), 'franchise')!
    expect(amount(1_200_000)).toMatchObject({
      value: 0.85,
      reason: {
        key: 'casco.factors.franchise.unconditional.amount',
        params: { amount: '12\u00a0000,00', percent: '1', band: '1' },
      },
    })
    expect(amount(1_200_001).value).toBe(0.75)
    expect(pct(2.5).reason).toEqual({
      key: 'casco.factors.franchise.unconditional.percent',
      params: { percent: '2,5', band: '3' },
    })
  })

  it('lets the franchise lower the damage part only', () => {
    const plain = one()
    const withFranchise = one({ franchise: { type: 'unconditional', mode: 'percent', value: 2 } })
    expect(withFranchise.components[0]!.premiumKopecks).toBe(Math.round(6_955_200 * 0.75))
    expect(withFranchise.components[1]!.premiumKopecks).toBe(plain.components[1]!.premiumKopecks)
  })

  it("applies the clerk's discount to every component", () => {
    const o = one({ discountPercent: 7.5, gap: true })
    expect(factor(o, 'discount')).toMatchObject({
      value: 0.925,
      appliesTo: ['damage', 'theft', 'gap'],
      reason: { params: { percent: '7,5' } },
    })
    expect(o.components.map((c) => c.premiumKopecks)).toEqual([6_433_560, 1_292_040, 1_110_000])
  })

  it('prices extras, GAP, UTS, accident and extended liability as their own components', () => {
    const o = one({
      extras: [
        { name: 'Магнитола', valueKopecks: 6_000_000 },
        { name: 'Фаркоп', valueKopecks: 2_000_000 },
      ],
      gap: true,
      uts: true,
      accident: { sumPerSeatKopecks: 20_000_000, seats: 5 },
      extendedLiabilityKopecks: 300_000_000,
    })
    expect(o.components.map((c) => [c.code, c.baseKopecks, c.ratePercent, c.premiumKopecks])).toEqual([
      ['damage', 120_000_000, 6.3, 6_955_200],
      ['theft', 120_000_000, 1, 1_396_800],
      ['extras', 8_000_000, 5.5, 440_000],
      ['gap', 120_000_000, 1, 1_200_000],
      ['uts', 120_000_000, 0.8, 883_200], // × 0.92: drivers apply to UTS too
      ['accident', 100_000_000, 0.5, 500_000],
      ['liability', 300_000_000, 0.25, 750_000],
    ])
    expect(o.premiumKopecks).toBe(o.components.reduce((s, c) => s + c.premiumKopecks, 0))
  })

  it('adds the instalment surcharge in the schedule, not in the premium', () => {
    const o = one({ plan: 'four' })
    expect(o.premiumKopecks).toBe(8_352_000)
    expect(o.schedule.totalKopecks).toBe(8_769_600)
    expect(o.schedule.payments.map((p) => p.dueDate)).toEqual(['2026-03-02', '2026-06-02', '2026-09-02', '2026-12-02'])
    expect(o.schedule.payments.every((p) => p.amountKopecks === 2_192_400)).toBe(true)
  })
})

describe('CASCO quote — results beside the price', () => {
  it('shows the GAP table: the sum insured falls 20 % a year by started month; GAP pays the difference', () => {
    const o = one({ gap: true }, { startDate: '2026-03-31', firstPaymentDate: '2026-03-31' })
    expect(o.gapTable).toHaveLength(12)
    expect(o.gapTable![0]).toEqual({
      month: 1,
      from: '2026-03-31',
      to: '2026-04-29',
      sumInsuredKopecks: 118_000_000,
      gapPaysKopecks: 2_000_000,
    })
    expect(o.gapTable![1]).toMatchObject({ from: '2026-04-30', to: '2026-05-30' })
    expect(o.gapTable![11]).toEqual({
      month: 12,
      from: '2027-02-28',
      to: '2027-03-30',
      sumInsuredKopecks: 96_000_000,
      gapPaysKopecks: 24_000_000,
    })
  })

  it('sets the total-loss threshold at 80 % of the basis the rules name', () => {
    expect(one({}, { sumInsuredKopecks: 100_000_001 }).totalLossThresholdKopecks).toBe(80_000_001) // 80 000 000.8 → 80 000 001
    const programs = structuredClone(ctx.programs)
    programs.data.totalLoss.basis = 'marketValue'
    expect(
      quote(baseInput({ sumInsuredKopecks: 100_000_000 }), tariff, { ...ctx, programs }).options[0]!
        .totalLossThresholdKopecks,
    ).toBe(96_000_000)
  })

  it('marks an option ineligible when its base program or an add-on is not available, and still prices it', () => {
    const vehicle = { ...baseInput().vehicle, year: 2017 }
    const o = one({ gap: true, settlement: 'cash' }, { vehicle })
    expect(o.eligible).toBe(false)
    expect(o.programs.find((p) => p.code === 'gap')).toMatchObject({
      applied: false,
      unmetConditions: [{ key: 'casco.conditions.maxVehicleAge', params: { max: 7, actual: 9 } }],
    })
    expect(o.premiumKopecks).toBeGreaterThan(0)
  })

  it('lists what the chosen program requires', () => {
    expect(one({ program: 'theft', risks: 'theft', settlement: 'cash' }).requirements).toEqual(['inspectionWithPhotos'])
    expect(one().requirements).toEqual([])
  })

  it('prices several options side by side on the same vehicle and drivers', () => {
    const q = quote(
      baseInput({
        options: [
          { risks: 'damageTheft', settlement: 'dealer' },
          { risks: 'damage', settlement: 'cash', franchise: { type: 'conditional', mode: 'percent', value: 3 } },
          { program: 'theft', risks: 'theft', settlement: 'cash', plan: 'two' },
        ],
      }),
    )
    expect(q.options.map((o) => o.index)).toEqual([0, 1, 2])
    expect(q.options.map((o) => o.program)).toEqual(['resoauto', 'resoauto', 'theft'])
    expect(q.options[2]!.premiumKopecks).toBe(1_396_800)
    expect(q.options[2]!.schedule.totalKopecks).toBe(1_438_704)
    expect(q.options[1]!.premiumKopecks).toBeLessThan(q.options[0]!.premiumKopecks)
  })
})

describe('CASCO quote — errors', () => {
  it('stops on input it cannot price, naming the field', () => {
    expect(
      error(() => quote(baseInput({ vehicle: { ...baseInput().vehicle, model: { modelId: 'kia-zzz' } } }))),
    ).toEqual({
      kind: 'input',
      field: 'vehicle.model.modelId',
      messageKey: 'casco.errors.unknownModel',
      params: { model: 'kia-zzz' },
    })
    expect(
      error(() => quote(baseInput({ owner: { type: 'individual', region: 'Калуга', city: null } }))),
    ).toMatchObject({ field: 'owner.region', messageKey: 'casco.errors.unknownRegion' })
    expect(error(() => quote(baseInput({ drivers: [{ age: 30, experienceYears: 15, gender: 'male' }] })))).toEqual({
      kind: 'input',
      field: 'drivers[0].experienceYears',
      messageKey: 'casco.errors.experienceExceedsAge',
      params: { experience: 15, age: 30 },
    })
    // A birth or a licence after the start is the drivers' shared rule (shared/validation/driverDates.ts) now: the
    // input schema refuses it at the same field before the engine runs; the engine keeps its guard for input given
    // to it directly.
    const born = [{ birthDate: '2026-03-03', experienceYears: 0, gender: 'male' as const }]
    const licensed = [{ age: 30, licenseSince: '2026-04-01', gender: 'male' as const }]
    const refused = (drivers: CascoQuoteInputJson['drivers']) =>
      cascoQuoteInputSchema.safeParse(baseInput({ drivers })).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(refused(born)).toEqual([['drivers.0.birthDate', 'validation.driverAge.tooYoung']])
    expect(refused(licensed)).toEqual([['drivers.0.licenseSince', 'validation.licenseSince.future']])
    const direct = (drivers: CascoQuoteInput['drivers']) => () =>
      quoteCasco({ ...parse(baseInput()), drivers }, tariff, ctx)
    expect(error(direct(born)).field).toBe('drivers[0].birthDate')
    expect(error(direct(licensed)).field).toBe('drivers[0].licenseSince')
  })

  it('stops on limits of the tariff: franchise, accident sum and seats, liability', () => {
    expect(error(() => one({ franchise: { type: 'conditional', mode: 'percent', value: 10.01 } }))).toEqual({
      kind: 'input',
      field: 'options[0].franchise.value',
      messageKey: 'casco.errors.franchiseTooLarge',
      params: { max: 10 },
    })
    expect(error(() => one({ accident: { sumPerSeatKopecks: 200_000_001, seats: 1 } })).field).toBe(
      'options[0].accident.sumPerSeatKopecks',
    )
    expect(error(() => one({ accident: { sumPerSeatKopecks: 100, seats: 61 } })).field).toBe(
      'options[0].accident.seats',
    )
    expect(one({ extendedLiabilityKopecks: 3_000_000_000 }).components.at(-1)!.code).toBe('liability')
    expect(error(() => one({ extendedLiabilityKopecks: 3_000_000_001 }))).toEqual({
      kind: 'input',
      field: 'options[0].extendedLiabilityKopecks',
      messageKey: 'casco.errors.liabilityAboveMax',
      params: { max: '30\u00a0000\u00a0000,00' },
    })
  })

  it('stops naming table and key when the tariff has no value (never a guess)', () => {
    const moto = { ...baseInput().vehicle, model: { modelId: 'yamaha-mt-07' }, category: 'A' }
    expect(error(() => quote(baseInput({ vehicle: moto })))).toEqual({
      kind: 'tariff',
      field: 'vehicle.category',
      messageKey: 'casco.errors.tableValueMissing',
      params: { version: 'example-2022.1', table: 'vehicleClasses', key: 'A, 1200000 RUB' },
    })
    const old = { ...baseInput().vehicle, year: 2008 }
    expect(error(() => quote(baseInput({ vehicle: old }))).params).toEqual({
      version: 'example-2022.1',
      table: 'baseRates',
      key: 'B-economy/damage/age 16+',
    })
    const t = structuredClone(tariff)
    delete t.data.antiTheft.systems.alarm
    expect(error(() => quote(baseInput(), t))).toMatchObject({
      kind: 'tariff',
      field: 'vehicle.antiTheft[0]',
      params: { table: 'antiTheft', key: 'alarm' },
    })
    t.data.term.rows = t.data.term.rows.filter((r) => r.months !== 5)
    expect(
      error(() => quote(baseInput({ termMonths: 5, vehicle: { ...baseInput().vehicle, antiTheft: [] } }), t)).params,
    ).toMatchObject({ table: 'term', key: '5 months' })
  })

  it('needs only the rates of the risks an option covers', () => {
    const t = structuredClone(tariff)
    t.data.baseRates['B-economy']!.damage[8] = null // 13–15 years: theft only
    const old = { ...baseInput().vehicle, year: 2012 }
    const q = (risks: 'theft' | 'damageTheft') =>
      quote(baseInput({ vehicle: old, options: [{ program: 'resoauto', risks, settlement: 'cash' }] }), t)
    expect(q('theft').options[0]!.premiumKopecks).toBe(838_080) // 1 200 000 ₽ × 0.6 % × 1.2 × 0.97 = 8 380.80 ₽
    expect(error(() => q('damageTheft')).params).toMatchObject({ key: 'B-economy/damage/age 13–15' })
  })

  it('refuses a tariff or programs file not in force on the quote date', () => {
    expect(error(() => quote(baseInput({ quoteDate: '2021-12-31', firstPaymentDate: '2021-12-31' })))).toMatchObject({
      kind: 'tariff',
      field: 'quoteDate',
      messageKey: 'casco.errors.tariffNotInForce',
    })
    const programs = { ...ctx.programs, effectiveFrom: '2026-04-01' }
    expect(error(() => quote(baseInput(), tariff, { ...ctx, programs }))).toMatchObject({
      messageKey: 'casco.errors.programsNotInForce',
    })
  })
})
