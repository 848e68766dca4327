import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import type { CascoQuoteInputJson } from './quoteInput'
import type { CascoOptionQuote } from './quoteTypes'
import { ANTI_THEFT_SYSTEMS } from './tariffSchema'
import { ctx, quote, tariff } from './testFixtures'

type Input = CascoQuoteInputJson
type Option = Input['options'][number]

const carModels = ctx.vehicles.models.filter((m) => m.category.value === 'B').map((m) => m.id)
const regionNames = [
  'Москва',
  'Московская область',
  'Санкт-Петербург',
  'Калужская область',
  'Республика Татарстан',
  'Иркутская область',
]

/** Exact decimal → [digits, scale] without floats: "0.925" → [925n, 3]. */
function decimal(x: number): [bigint, number] {
  const [int, frac = ''] = String(x).split('.')
  return [BigInt(int! + frac), frac.length]
}

/** Independent of shared/money: each component = base × rate/100 × the listed factors naming it, rounded half-up. */
function expectedComponents(o: CascoOptionQuote): number[] {
  return o.components.map((c) => {
    let num = BigInt(c.baseKopecks)
    let den = 100n
    for (const x of [c.ratePercent, ...o.factors.filter((f) => f.appliesTo.includes(c.code)).map((f) => f.value)]) {
      const [n, scale] = decimal(x)
      num *= n
      den *= 10n ** BigInt(scale)
    }
    return Number((2n * num + den) / (2n * den))
  })
}

const percent = (max: number) => fc.integer({ min: 1, max: max * 100 }).map((x) => x / 100)

function optionArb(siKopecks: number): fc.Arbitrary<Option> {
  return fc
    .record({
      theftOnly: fc.boolean(),
      risks: fc.constantFrom('damage' as const, 'theft' as const, 'damageTheft' as const),
      extras: fc.array(fc.integer({ min: 1_000_00, max: 500_000_00 }), { maxLength: 3 }),
      gap: fc.boolean(),
      uts: fc.boolean(),
      accident: fc.option(
        fc.record({
          sumPerSeatKopecks: fc.integer({ min: 10_000_00, max: 2_000_000_00 }),
          seats: fc.integer({ min: 1, max: 9 }),
        }),
        { nil: null },
      ),
      liability: fc.option(fc.integer({ min: 100_000_00, max: 30_000_000_00 }), { nil: null }),
      franchise: fc.oneof(
        fc.constant({ type: 'none' as const }),
        fc.record({
          type: fc.constantFrom('conditional' as const, 'unconditional' as const),
          mode: fc.constant('percent' as const),
          value: percent(10),
        }),
        fc.record({
          type: fc.constantFrom('conditional' as const, 'unconditional' as const),
          mode: fc.constant('amount' as const),
          value: fc.integer({ min: 1, max: Math.floor(siKopecks / 10) }),
        }),
      ),
      settlement: fc.constantFrom('dealer' as const, 'clientChoice' as const, 'nonDealer' as const, 'cash' as const),
      territory: fc.constantFrom('rf' as const, 'rfAbroad' as const),
      plan: fc.constantFrom('single' as const, 'two' as const, 'four' as const),
      discountPercent: fc.oneof(fc.constant(0), percent(30)),
    })
    .map((o) => ({
      program: o.theftOnly ? ('theft' as const) : ('resoauto' as const),
      risks: o.theftOnly ? ('theft' as const) : o.risks,
      extras: o.extras.map((valueKopecks, i) => ({ name: `Оборудование ${i + 1}`, valueKopecks })),
      gap: o.gap,
      uts: o.uts,
      accident: o.accident,
      extendedLiabilityKopecks: o.liability,
      franchise: o.franchise,
      settlement: o.settlement,
      territory: o.territory,
      plan: o.plan,
      discountPercent: o.discountPercent,
    }))
}

const driverArb = fc.integer({ min: 18, max: 85 }).chain((age) =>
  fc.record({
    age: fc.constant(age),
    experienceYears: fc.integer({ min: 0, max: age - 16 }),
    gender: fc.constantFrom('male' as const, 'female' as const),
  }),
)

const inputArb: fc.Arbitrary<Input> = fc
  .record({
    quoteDay: fc.integer({ min: 0, max: 365 * 8 }),
    startOffset: fc.integer({ min: 0, max: 30 }),
    age: fc.integer({ min: 0, max: 12 }),
    model: fc.oneof(
      fc.constantFrom(...carModels).map((modelId) => ({ modelId })),
      fc.boolean().map((foreign) => ({ other: { name: 'Другая модель', foreign } })),
    ),
    marketValue: fc.integer({ min: 300_000_00, max: 15_000_000_00 }),
    siShare: fc.integer({ min: 10, max: 100 }),
    newCar: fc.boolean(),
    mileageKm: fc.integer({ min: 0, max: 400_000 }),
    antiTheft: fc.subarray([...ANTI_THEFT_SYSTEMS]),
    ownerType: fc.constantFrom('individual' as const, 'legal' as const),
    region: fc.constantFrom(...regionNames),
    drivers: fc.oneof(fc.constant('unlimited' as const), fc.array(driverArb, { minLength: 1, maxLength: 4 })),
    termMonths: fc.oneof(fc.constant(12), fc.integer({ min: 1, max: 12 })),
  })
  .chain((g) => {
    const quoteDate = addDays('2022-01-01', g.quoteDay)
    const sumInsuredKopecks = Math.max(1, Math.floor((g.marketValue * g.siShare) / 100))
    return fc.array(optionArb(sumInsuredKopecks), { minLength: 1, maxLength: 3 }).map((options): Input => ({
      quoteDate,
      startDate: addDays(quoteDate, g.startOffset),
      firstPaymentDate: quoteDate,
      termMonths: g.termMonths,
      vehicle: {
        model: g.model,
        category: 'B',
        year: Number(quoteDate.slice(0, 4)) - g.age,
        marketValueKopecks: g.marketValue,
        newCar: g.newCar,
        mileageKm: g.mileageKm,
        antiTheft: g.antiTheft,
      },
      owner: { type: g.ownerType, region: g.region, city: null },
      drivers: g.drivers,
      sumInsuredKopecks,
      options: options.map((o) => (g.termMonths === 12 ? o : { ...o, plan: 'single' as const })),
    }))
  })

const runs = { numRuns: 300 }

describe('CASCO quote properties', () => {
  it('the premium is a positive whole number of kopecks, the sum of its components, each explained by its factors', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const o of quote(input).options) {
          expect(Number.isSafeInteger(o.premiumKopecks)).toBe(true)
          expect(o.premiumKopecks).toBeGreaterThan(0)
          expect(o.premiumKopecks).toBe(o.components.reduce((s, c) => s + c.premiumKopecks, 0))
          expect(o.components.map((c) => c.premiumKopecks)).toEqual(expectedComponents(o))
        }
      }),
      runs,
    )
  })

  it('never falls as the sum insured rises', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 100 }), (input, share) => {
        const bigger =
          input.sumInsuredKopecks +
          Math.floor(((input.vehicle.marketValueKopecks - input.sumInsuredKopecks) * share) / 100)
        const a = quote(input).options
        const b = quote({ ...input, sumInsuredKopecks: bigger }).options
        a.forEach((o, i) => expect(b[i]!.premiumKopecks).toBeGreaterThanOrEqual(o.premiumKopecks))
      }),
      runs,
    )
  })

  it('a franchise never raises the premium', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const without = quote({
          ...input,
          options: input.options.map((o) => ({ ...o, franchise: { type: 'none' as const } })),
        }).options
        quote(input).options.forEach((o, i) => expect(o.premiumKopecks).toBeLessThanOrEqual(without[i]!.premiumKopecks))
      }),
      runs,
    )
  })

  it("promotions and the clerk's discount never raise the premium", () => {
    const noPromotions = { ...ctx, programs: { ...ctx.programs, data: { ...ctx.programs.data, promotions: [] } } }
    fc.assert(
      fc.property(inputArb, (input) => {
        const plain = quote(
          { ...input, options: input.options.map((o) => ({ ...o, discountPercent: 0 })) },
          undefined,
          noPromotions,
        ).options
        quote(input).options.forEach((o, i) => expect(o.premiumKopecks).toBeLessThanOrEqual(plain[i]!.premiumKopecks))
      }),
      runs,
    )
  })

  it('every instalment plan adds up to its total, which carries the surcharge on the premium', () => {
    const surcharge = { single: [0n, 1n], two: [3n, 100n], four: [5n, 100n] } as const
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const o of quote(input).options) {
          const { totalKopecks, payments, plan } = o.schedule
          expect(payments.reduce((s, p) => s + p.amountKopecks, 0)).toBe(totalKopecks)
          expect(payments).toHaveLength(plan === 'single' ? 1 : plan === 'two' ? 2 : 4)
          const [n, d] = surcharge[plan]
          const exact = BigInt(o.premiumKopecks) * (d + n)
          expect(totalKopecks).toBe(Number((2n * exact + d) / (2n * d)))
          expect(payments[0]!.dueDate).toBe(input.firstPaymentDate)
        }
      }),
      runs,
    )
  })

  it('an option the drivers do not price costs the same whoever drives, and never gets the Privilege of Experience', () => {
    const drivesPricing = new Set<string>(tariff.data.drivers.appliesTo)
    const listArb = fc.oneof(fc.constant('unlimited' as const), fc.array(driverArb, { minLength: 1, maxLength: 4 }))
    fc.assert(
      fc.property(inputArb, listArb, (input, otherDrivers) => {
        const a = quote(input).options
        const b = quote({ ...input, drivers: otherDrivers }).options
        a.forEach((o, i) => {
          const experience = o.programs.find((p) => p.code === 'experience')!
          if (o.components.some((c) => drivesPricing.has(c.code))) return
          expect(b[i]!.premiumKopecks).toBe(o.premiumKopecks)
          expect(experience.applied).toBe(false)
          expect(experience.unmetConditions.map((m) => m.key)).toContain('casco.conditions.driversPriced')
        })
      }),
      runs,
    )
  })

  it('Moscow Hit is offered exactly when the owner is registered in Moscow or its region and the insurer refers the car to a station', () => {
    const allRegions = ctx.regions.regions.map((r) => ({ name: r.name, code: r.code }))
    const hitArb = fc.record({
      region: fc.constantFrom(...allRegions),
      settlement: fc.constantFrom('dealer' as const, 'clientChoice' as const, 'nonDealer' as const, 'cash' as const),
      model: fc.constantFrom('kia-sportage', 'toyota-rav4', 'renault-duster', 'volvo-xc90'),
      mileageKm: fc.integer({ min: 0, max: 999 }),
      drivers: fc.oneof(fc.constant('unlimited' as const), fc.array(driverArb, { minLength: 1, maxLength: 3 })),
    })
    fc.assert(
      fc.property(hitArb, (g) => {
        const input: Input = {
          quoteDate: '2026-03-02',
          firstPaymentDate: '2026-03-02',
          vehicle: {
            model: { modelId: g.model },
            category: 'B',
            year: 2026,
            marketValueKopecks: 400_000_000,
            newCar: true,
            mileageKm: g.mileageKm,
            antiTheft: ['satellite'],
          },
          owner: { type: 'individual', region: g.region.name, city: null },
          drivers: g.drivers,
          sumInsuredKopecks: 400_000_000,
          options: [{ risks: 'damageTheft', settlement: g.settlement }],
        }
        const hit = quote(input).options[0]!.programs.find((p) => p.code === 'moscowHit')!
        const inRegion = g.region.code === '77' || g.region.code === '50'
        const referral = g.settlement === 'dealer' || g.settlement === 'nonDealer'
        const keys = hit.unmetConditions.map((m) => m.key)
        // Met conditions: the promotion applies, or lost to a cheaper one (never here: no renewal, and −27 % beats −15 %).
        expect(hit.applied).toBe(inRegion && referral)
        expect(keys.includes('casco.conditions.ownerRegionIn')).toBe(!inRegion)
        expect(keys.includes('casco.conditions.settlementByReferral')).toBe(!referral)
      }),
      runs,
    )
  })

  it('the GAP table runs over the term and always adds back to the sum insured', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const q = quote({ ...input, options: [{ ...input.options[0]!, gap: true }] })
        const rows = q.options[0]!.gapTable!
        expect(rows).toHaveLength(input.termMonths ?? 12)
        rows.forEach((r, i) => {
          expect(r.sumInsuredKopecks + r.gapPaysKopecks).toBe(input.sumInsuredKopecks)
          if (i > 0) expect(r.gapPaysKopecks).toBeGreaterThanOrEqual(rows[i - 1]!.gapPaysKopecks)
        })
      }),
      { numRuns: 100 },
    )
  })
})
