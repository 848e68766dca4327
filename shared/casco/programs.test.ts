import { describe, expect, it } from 'vitest'
import type { CascoConditionType } from './programsSchema'
import type { CascoQuoteInputJson } from './quoteInput'
import type { CascoProgramResult } from './quoteTypes'
import { baseInput, ctx, programs, quote } from './testFixtures'

/**
 * Every program, add-on, promotion and status in the bundled programs file: a quote that meets all its
 * conditions, and for each of its conditions a change that breaks that one alone and is explained.
 */

type Input = CascoQuoteInputJson
type Option = Input['options'][number]
type Breaker = (input: Input) => Input

const option = (input: Input, patch: Partial<Option>): Input => ({
  ...input,
  options: [{ ...input.options[0]!, ...patch }],
})
const vehicle = (input: Input, patch: Partial<Input['vehicle']>): Input => ({
  ...input,
  vehicle: { ...input.vehicle, ...patch },
})

interface Scenario {
  code: CascoProgramResult['code']
  /** Meets every condition of the program (and for a promotion: it is the only one met, so it applies). */
  met: Input
  breakers: Partial<Record<CascoConditionType, Breaker>>
}

const moscowHit: Input = baseInput({
  vehicle: {
    model: { modelId: 'kia-sportage' },
    category: 'B',
    year: 2025,
    marketValueKopecks: 300_000_000,
    newCar: true,
    mileageKm: 999,
    antiTheft: ['satellite'],
  },
  owner: { type: 'individual', region: 'Москва', city: null },
  drivers: [{ age: 30, experienceYears: 8, gender: 'male' }],
  sumInsuredKopecks: 300_000_000,
  options: [{ risks: 'damage', settlement: 'dealer' }],
})

const experience: Input = baseInput({
  drivers: [
    { age: 41, experienceYears: 11, gender: 'female' },
    { age: 60, experienceYears: 40, gender: 'male' },
  ],
})

const renewal: Input = baseInput({
  startDate: '2026-03-05',
  previousPolicy: { startDate: '2025-03-05', endDate: '2026-03-04', claims: 1, sameOwnerAndInsured: true },
})

const vip: Input = baseInput({
  vehicle: {
    model: { modelId: 'toyota-camry' },
    category: 'B',
    year: 2024,
    marketValueKopecks: 350_000_000,
    newCar: false,
    mileageKm: 20_000,
    antiTheft: ['satellite'],
  },
  sumInsuredKopecks: 300_000_000,
})

const scenarios: Scenario[] = [
  {
    code: 'resoauto',
    met: baseInput(),
    breakers: {
      nonDealerForeignOnly: (i) =>
        option(vehicle(i, { model: { modelId: 'lada-vesta' } }), { settlement: 'nonDealer' }),
      dealerMaxVehicleAge: (i) => vehicle(i, { year: 2018 }),
    },
  },
  {
    code: 'theft',
    met: option(baseInput({ vehicle: { ...baseInput().vehicle, year: 2014 } }), {
      program: 'theft',
      risks: 'theft',
      settlement: 'cash',
    }),
    breakers: {
      risksAre: (i) => option(i, { risks: 'damageTheft' }),
      maxVehicleAge: (i) => vehicle(i, { year: 2013 }),
    },
  },
  {
    code: 'gap',
    met: option(baseInput({ vehicle: { ...baseInput().vehicle, year: 2019 } }), { gap: true }),
    breakers: { maxVehicleAge: (i) => vehicle(i, { year: 2018 }) },
  },
  {
    code: 'uts',
    met: option(baseInput({ vehicle: { ...baseInput().vehicle, year: 2021 } }), { uts: true }),
    breakers: {
      risksInclude: (i) => option(i, { risks: 'theft', settlement: 'cash' }),
      maxVehicleAge: (i) => vehicle(i, { year: 2020 }),
    },
  },
  {
    code: 'moscowHit',
    met: moscowHit,
    breakers: {
      mileageBelow: (i) => vehicle(i, { mileageKm: 1000 }),
      modelYearRecent: (i) => vehicle(i, { year: 2024 }),
      ownerTypeIs: (i) => ({ ...i, owner: { ...i.owner, type: 'legal' } }),
      ownerRegionIn: (i) => ({ ...i, owner: { ...i.owner, region: 'Калужская область', city: 'Калуга' } }),
      termMonths: (i) => ({ ...i, termMonths: 11 }),
      risksInclude: (i) => option(i, { risks: 'theft' }),
      settlementByReferral: (i) => option(i, { settlement: 'clientChoice' }),
      noClerkDiscount: (i) => option(i, { discountPercent: 1 }),
      modelIn: (i) => vehicle(i, { model: { modelId: 'kia-rio' } }),
    },
  },
  {
    code: 'experience',
    met: experience,
    breakers: {
      driversLimited: (i) => ({ ...i, drivers: 'unlimited' }),
      driversPriced: (i) => option(i, { program: 'theft', risks: 'theft', settlement: 'cash' }),
      everyDriverAgeOver: (i) => ({ ...i, drivers: [{ age: 40, experienceYears: 20, gender: 'male' }] }),
      everyDriverExperienceOver: (i) => ({ ...i, drivers: [{ age: 50, experienceYears: 10, gender: 'male' }] }),
    },
  },
  {
    code: 'renewal',
    met: renewal,
    breakers: {
      previousPolicy: (i) => ({ ...i, previousPolicy: null }),
      termMonths: (i) => ({ ...i, termMonths: 6 }),
      previousTermMonths: (i) => ({ ...i, previousPolicy: { ...i.previousPolicy!, startDate: '2025-09-05' } }),
      maxPreviousClaims: (i) => ({ ...i, previousPolicy: { ...i.previousPolicy!, claims: 2 } }),
      sameOwnerAndInsured: (i) => ({ ...i, previousPolicy: { ...i.previousPolicy!, sameOwnerAndInsured: false } }),
      noClerkDiscount: (i) => option(i, { discountPercent: 3 }),
      noDriverLoading: (i) => ({
        ...i,
        drivers: [
          { age: 35, experienceYears: 12, gender: 'male' },
          { age: 23, experienceYears: 5, gender: 'male' },
        ],
      }),
      startsDayAfterPrevious: (i) => ({ ...i, startDate: '2026-03-06' }),
    },
  },
  {
    code: 'vip',
    met: vip,
    breakers: {
      minSumInsured: (i) => ({ ...i, sumInsuredKopecks: 299_999_999 }),
      minPremium: (i) => option(i, { program: 'theft', risks: 'theft', settlement: 'cash' }),
    },
  },
]

function result(input: Input, code: string): CascoProgramResult {
  const r = quote(input).options[0]!.programs.find((p) => p.code === code)
  if (!r) throw new Error(`program ${code} not in the quote`)
  return r
}

function rulesOf(code: string) {
  const d = ctx.programs.data
  if (code === 'resoauto' || code === 'theft') return d.programs[code]
  if (code === 'gap' || code === 'uts') return d.addons[code]
  if (code === 'vip') return d.vip
  return d.promotions.find((p) => p.code === code)!
}

describe('CASCO programs: met, and each condition unmet on its own', () => {
  it('covers every program of the bundled file', () => {
    const d = ctx.programs.data
    expect(scenarios.map((s) => s.code).sort()).toEqual(
      ['resoauto', 'theft', 'gap', 'uts', ...d.promotions.map((p) => p.code), 'vip'].sort(),
    )
  })

  for (const s of scenarios) {
    describe(s.code, () => {
      it('applies when every condition holds', () => {
        expect(result(s.met, s.code)).toMatchObject({ applied: true, unmetConditions: [] })
      })
      for (const condition of rulesOf(s.code).conditions) {
        it(`explains an unmet ${condition.type}`, () => {
          const breaker = s.breakers[condition.type]
          expect(breaker, `no test input breaks ${condition.type}`).toBeDefined()
          const r = result(breaker!(s.met), s.code)
          expect(r.applied).toBe(false)
          expect(r.unmetConditions).toHaveLength(1)
          expect(r.unmetConditions[0]!.key.startsWith(`casco.conditions.${condition.type}`)).toBe(true)
        })
      }
    })
  }
})

describe('CASCO promotions', () => {
  it('Moscow Hit: the data discount on damage, theft and extras, and the requirements of the seed', () => {
    const o = quote(moscowHit).options[0]!
    const f = o.factors.find((x) => x.code === 'promotion')!
    expect(f).toMatchObject({
      value: 0.73,
      appliesTo: ['damage'],
      reason: { key: 'casco.factors.promotion.moscowHit' },
    })
    const without = quote(option(moscowHit, { discountPercent: 0.01 })).options[0]!
    expect(without.factors.map((x) => x.code)).not.toContain('promotion')
  })

  it('Privilege of Experience: −15 % on the hull when every driver is over 40 with more than 10 years', () => {
    const o = quote(experience).options[0]!
    expect(o.factors.find((x) => x.code === 'promotion')).toMatchObject({ value: 0.85, appliesTo: ['damage', 'theft'] })
    // Drivers 41/11 (0.88) and 60/40 (0.88): damage 1 200 000 × 6.3 % × 0.88 × 0.85; theft 13 968 ₽ × 0.85.
    expect(o.components.map((c) => c.premiumKopecks)).toEqual([5_654_880, 1_187_280])
  })

  it('promotions do not combine: the one giving the lowest premium applies, the other is told why', () => {
    const both = { ...moscowHit, drivers: [{ age: 45, experienceYears: 20, gender: 'male' as const }] }
    const programs = quote(both).options[0]!.programs
    expect(programs.find((p) => p.code === 'moscowHit')).toMatchObject({ applied: true, discount: 0.73 })
    expect(programs.find((p) => p.code === 'experience')).toMatchObject({
      applied: false,
      unmetConditions: [{ key: 'casco.programs.notCombined' }],
    })
    expect(quote(both).options[0]!.factors.filter((f) => f.code === 'promotion')).toHaveLength(1)
  })

  it('renewal and an experienced list: the lower premium wins (−15 % beats −10 %)', () => {
    const input = { ...renewal, drivers: experience.drivers }
    const programs = quote(input).options[0]!.programs
    expect(programs.find((p) => p.code === 'experience')!.applied).toBe(true)
    expect(programs.find((p) => p.code === 'renewal')!.unmetConditions).toEqual([
      { key: 'casco.programs.notCombined', params: {} },
    ])
  })

  it('never raises the premium', () => {
    for (const s of [moscowHit, experience, renewal]) {
      const withPromo = quote(s).options[0]!.premiumKopecks
      const programs = structuredClone(ctx.programs)
      programs.data.promotions = []
      expect(withPromo).toBeLessThan(quote(s, undefined, { ...ctx, programs }).options[0]!.premiumKopecks)
    }
  })
})

describe('explanations of unmet conditions', () => {
  it('say what is needed and what the quote has', () => {
    const r = result(vehicle(moscowHit, { mileageKm: 1500, year: 2023 }), 'moscowHit')
    expect(r.unmetConditions).toEqual([
      { key: 'casco.conditions.mileageBelow', params: { max: '1\u00a0000', actual: '1\u00a0500' } },
      { key: 'casco.conditions.modelYearRecent', params: { earliest: 2025, actual: 2023 } },
    ])
    expect(
      result(
        { ...renewal, previousPolicy: { ...renewal.previousPolicy!, claims: 3 }, startDate: '2026-03-10' },
        'renewal',
      ).unmetConditions,
    ).toEqual([
      { key: 'casco.conditions.maxPreviousClaims', params: { max: 1, actual: 3 } },
      { key: 'casco.conditions.startsDayAfterPrevious', params: { expected: '2026-03-05', actual: '2026-03-10' } },
    ])
  })

  it('explain a missing previous policy or an unlimited list once, not per dependent condition', () => {
    expect(result(baseInput(), 'renewal').unmetConditions).toEqual([
      { key: 'casco.conditions.previousPolicy', params: {} },
    ])
    expect(result({ ...experience, drivers: 'unlimited' }, 'experience').unmetConditions).toEqual([
      { key: 'casco.conditions.driversLimited', params: {} },
    ])
  })

  it('name the drivers who fall short', () => {
    const drivers = [
      { age: 50, experienceYears: 30, gender: 'male' as const },
      { age: 38, experienceYears: 5, gender: 'female' as const },
      { age: 40, experienceYears: 22, gender: 'male' as const },
    ]
    expect(result({ ...experience, drivers }, 'experience').unmetConditions).toEqual([
      { key: 'casco.conditions.everyDriverAgeOver', params: { years: 40, drivers: '2, 3' } },
      { key: 'casco.conditions.everyDriverExperienceOver', params: { years: 10, drivers: '2' } },
    ])
  })

  it('VIP status: thresholds inclusive, on the final premium after promotions', () => {
    const o = quote(vip).options[0]!
    expect(o.vip).toBe(true)
    const withThreshold = (kopecks: number) => {
      const programs = structuredClone(ctx.programs)
      programs.data.vip.conditions = [{ type: 'minPremium', kopecks, verified: true }]
      return quote(vip, undefined, { ...ctx, programs }).options[0]!
    }
    expect(withThreshold(o.premiumKopecks).vip).toBe(true)
    expect(withThreshold(o.premiumKopecks + 1).programs.at(-1)).toMatchObject({
      code: 'vip',
      applied: false,
      unmetConditions: [{ key: 'casco.conditions.minPremium' }],
    })
    // The experienced drivers' discount brings the premium under a threshold the undiscounted premium would pass.
    const discounted = { ...vip, drivers: experience.drivers }
    const before = quote({ ...discounted, options: [{ ...vip.options[0]!, discountPercent: 0 }] }, undefined, {
      ...ctx,
      programs: { ...ctx.programs, data: { ...ctx.programs.data, promotions: [] } },
    }).options[0]!
    const after = quote(discounted).options[0]!
    expect(after.premiumKopecks).toBeLessThan(before.premiumKopecks)
    const programs = structuredClone(ctx.programs)
    programs.data.vip.conditions = [{ type: 'minPremium', kopecks: before.premiumKopecks, verified: true }]
    expect(quote(discounted, undefined, { ...ctx, programs }).options[0]!.vip).toBe(false)
  })
})

describe('Moscow Hit: owners registered in Moscow or the Moscow region, settlement by referral (seed 002)', () => {
  const where = (region: string, city: string | null = null): Input => ({
    ...moscowHit,
    owner: { type: 'individual', region, city },
  })
  const regionTable: Array<[string, string | null, boolean]> = [
    ['Москва', null, true],
    ['Московская область', null, true],
    ['Подмосковье', null, true],
    ['Московская область', 'Подольск', true],
    ['Санкт-Петербург', null, false],
    ['Ленинградская область', null, false],
    ['Калужская область', 'Калуга', false],
    ['Тверская область', null, false],
    ['Республика Татарстан', 'Казань', false],
  ]
  for (const [region, city, applies] of regionTable) {
    it(`${region}${city ? `, ${city}` : ''}: ${applies ? 'applies' : 'not offered'}`, () => {
      const r = result(where(region, city), 'moscowHit')
      expect(r.applied).toBe(applies)
      if (!applies) {
        expect(r.unmetConditions).toEqual([
          {
            key: 'casco.conditions.ownerRegionIn',
            params: { regions: 'Москва, Московская область', actual: expect.any(String) },
          },
        ])
        expect(quote(where(region, city)).options[0]!.factors.map((f) => f.code)).not.toContain('promotion')
      }
    })
  }

  it('names the region the owner is registered in', () => {
    expect(result(where('Подмосковье'), 'moscowHit').applied).toBe(true)
    expect(result(where('Тверская область'), 'moscowHit').unmetConditions[0]!.params.actual).toBe('Тверская область')
  })

  const settlementTable: Array<[Option['settlement'], boolean]> = [
    ['dealer', true],
    ['nonDealer', true],
    ['clientChoice', false],
    ['cash', false],
  ]
  for (const [settlement, applies] of settlementTable) {
    it(`settlement ${settlement}: ${applies ? 'applies' : 'not offered'}`, () => {
      const r = result(option(moscowHit, { settlement }), 'moscowHit')
      expect(r.applied).toBe(applies)
      expect(r.unmetConditions).toEqual(applies ? [] : [{ key: 'casco.conditions.settlementByReferral', params: {} }])
    })
  }

  it('outside the region and without a referral: both reasons, once each', () => {
    const r = result(option(where('Санкт-Петербург'), { settlement: 'cash' }), 'moscowHit')
    expect(r.unmetConditions.map((m) => m.key)).toEqual([
      'casco.conditions.ownerRegionIn',
      'casco.conditions.settlementByReferral',
    ])
  })

  it('names only regions of the regions file', () => {
    const hit = programs.data.promotions
      .find((p) => p.code === 'moscowHit')!
      .conditions.find((c) => c.type === 'ownerRegionIn')
    const codes = hit && 'regions' in hit ? hit.regions : []
    expect(codes).toEqual(['77', '50'])
    for (const code of codes)
      expect(
        ctx.regions.regions.some((r) => r.code === code),
        code,
      ).toBe(true)
  })
})

describe('Privilege of Experience: only where the drivers price the option', () => {
  // The tariff's driver factor touches damage and UTS; theft, extras and GAP are priced without the drivers.
  const table: Array<[string, Partial<Option>, boolean]> = [
    ['damage and theft', { risks: 'damageTheft' }, true],
    ['damage only', { risks: 'damage' }, true],
    ['damage with UTS', { risks: 'damage', uts: true }, true],
    ['RESOauto, theft risk only', { risks: 'theft', settlement: 'cash' }, false],
    ['the theft-only program', { program: 'theft', risks: 'theft', settlement: 'cash' }, false],
    [
      'theft only with GAP and extras',
      {
        program: 'theft',
        risks: 'theft',
        settlement: 'cash',
        gap: true,
        extras: [{ name: 'Магнитола', valueKopecks: 5_000_000 }],
      },
      false,
    ],
  ]
  for (const [name, patch, applies] of table) {
    it(`${name}: ${applies ? 'the discount applies' : 'no discount, and the reason is given'}`, () => {
      const input = option(experience, patch)
      const r = result(input, 'experience')
      expect(r.applied).toBe(applies)
      expect(r.unmetConditions).toEqual(applies ? [] : [{ key: 'casco.conditions.driversPriced', params: {} }])
      const o = quote(input).options[0]!
      expect(o.factors.some((f) => f.code === 'promotion')).toBe(applies)
    })
  }

  it('a theft-only policy costs the same for the experienced list as for a young driver', () => {
    const theftOnly = (drivers: Input['drivers']) =>
      quote(option({ ...experience, drivers }, { program: 'theft', risks: 'theft', settlement: 'cash' })).options[0]!
        .premiumKopecks
    expect(theftOnly(experience.drivers)).toBe(theftOnly([{ age: 22, experienceYears: 1, gender: 'male' }]))
    expect(theftOnly(experience.drivers)).toBe(theftOnly('unlimited'))
  })

  it('any driver: the list is not limited, and on theft only the price ignores the drivers too', () => {
    expect(result({ ...experience, drivers: 'unlimited' }, 'experience').unmetConditions).toEqual([
      { key: 'casco.conditions.driversLimited', params: {} },
    ])
    expect(
      result(
        option({ ...experience, drivers: 'unlimited' }, { program: 'theft', risks: 'theft', settlement: 'cash' }),
        'experience',
      ).unmetConditions.map((m) => m.key),
    ).toEqual(['casco.conditions.driversLimited', 'casco.conditions.driversPriced'])
  })
})
