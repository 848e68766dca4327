import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths, addYears } from '../dates/calendarDate'
import { calculateOsagoPremium, coefficientCodes, type OsagoPremium } from './calculator'
import { regions, tariffs } from './testFixtures'
import type { OsagoDriver, OsagoInput } from './input'
import { selectTariff } from './selectTariff'
import { kbmClasses } from './tariffSchema'

/** Independent of shared/money: a decimal as an exact BigInt fraction. */
function exact(x: number): { num: bigint; den: bigint } {
  const [int, frac = ''] = String(x).split('.')
  return { num: BigInt(int! + frac), den: 10n ** BigInt(frac.length) }
}

/** 100 (TB roubles → kopecks) × the given factors, exact. */
function kopecks(factors: number[]): { num: bigint; den: bigint } {
  let num = 100n
  let den = 1n
  for (const f of factors) {
    const e = exact(f)
    num *= e.num
    den *= e.den
  }
  return { num, den }
}

const halfUp = (r: { num: bigint; den: bigint }) => Number((2n * r.num + r.den) / (2n * r.den))

/** TB × every coefficient, rounded half-up once: the premium before the ceiling. */
function expectedPremium(p: OsagoPremium): number {
  return halfUp(kopecks(coefficientCodes.map((code) => p.coefficients[code])))
}

/** The law's multiple (3, or 5 where KN applies) × TB × KT, exact. */
function exactCeiling(p: OsagoPremium, input: OsagoInput): { num: bigint; den: bigint } {
  const c = kopecks([p.coefficients.tb, p.coefficients.kt])
  return { num: c.num * (input.grossViolations ? 5n : 3n), den: c.den }
}

const places = regions.regions.flatMap((r) =>
  r.federalCity
    ? [{ region: r.name, city: null as string | null }]
    : [
        ...r.cities.map((c) => ({ region: r.name, city: c.name as string | null })),
        { region: r.name, city: null },
        { region: r.name, city: 'Несуществующий посёлок' },
      ],
)

const startArb = fc.integer({ min: 0, max: 1600 }).map((d) => addDays('2022-09-20', d))

function driverArb(start: string): fc.Arbitrary<OsagoDriver> {
  return fc
    .record({
      age: fc.integer({ min: 16, max: 90 }),
      extraDays: fc.integer({ min: 0, max: 364 }),
      expShare: fc.double({ min: 0, max: 1, noNaN: true }),
      kbmClass: fc.constantFrom(...kbmClasses),
    })
    .map(({ age, extraDays, expShare, kbmClass }) => {
      const birthDate = addDays(addYears(start, -age), -extraDays)
      const experience = Math.floor(expShare * (age - 16))
      return { birthDate, licenseSince: addYears(start, -experience), kbmClass }
    })
}

const inputArb: fc.Arbitrary<OsagoInput> = startArb.chain((startDate) =>
  fc
    .record({
      conclusionOffset: fc.integer({ min: 0, max: 5 }),
      place: fc.constantFrom(...places),
      ownerType: fc.constantFrom('individual' as const, 'legal' as const),
      ownerClass: fc.constantFrom(...kbmClasses),
      drivers: fc.oneof(
        fc.constant('unlimited' as const),
        fc.array(driverArb(startDate), { minLength: 1, maxLength: 4 }),
      ),
      power: fc.oneof(
        fc.integer({ min: 2000, max: 40000 }).map((x) => ({ powerHp: x / 100 })),
        fc.integer({ min: 1500, max: 30000 }).map((x) => ({ powerKw: x / 100 })),
      ),
      months: fc.option(fc.integer({ min: 3, max: 12 }), { nil: undefined }),
      trailer: fc.boolean(),
      gross: fc.boolean(),
    })
    .map((g) => ({
      conclusionDate:
        addDays(startDate, -g.conclusionOffset) < '2022-09-13' ? startDate : addDays(startDate, -g.conclusionOffset),
      startDate,
      vehicle: { category: 'B' as const, ...g.power, usedWithTrailer: g.trailer, registeredIn: 'RU' as const },
      owner: { type: g.ownerType, region: g.place.region, city: g.place.city, kbmClass: g.ownerClass },
      drivers: g.drivers,
      // Periods of use only for citizens: the tariff sells none to legal entities (40-FZ art. 16, ks.minTotalMonths).
      ...(g.months === undefined || g.ownerType === 'legal'
        ? {}
        : { periodsOfUse: [{ from: startDate, to: addDays(addMonths(startDate, g.months), -1) }] }),
      grossViolations: g.gross,
    })),
)

function price(input: OsagoInput): OsagoPremium {
  const chosen = selectTariff(tariffs, input.conclusionDate)
  if (!chosen.ok) throw new Error(JSON.stringify(chosen.error))
  const r = calculateOsagoPremium(input, chosen.tariff, regions)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('OSAGO premium properties', () => {
  it('uncapped premium = TB × the product of the coefficients, rounded half-up, for every version', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = price(input)
        expect(p.uncappedPremiumKopecks).toBe(expectedPremium(p))
        expect(Object.fromEntries(p.breakdown.map((b) => [b.code, b.value]))).toEqual(p.coefficients)
      }),
      { numRuns: 400 },
    )
  })

  it('the premium is never above the ceiling (40-FZ art. 9 p. 2) and equals the product below it', () => {
    const seen = { capped: 0, under: 0 }
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = price(input)
        const limit = exactCeiling(p, input)
        const product = kopecks(coefficientCodes.map((code) => p.coefficients[code]))
        const over = product.num * limit.den > limit.num * product.den
        expect(p.ceilingKopecks).toBe(halfUp(limit))
        expect(p.ceiling.multiple).toBe(input.grossViolations ? 5 : 3)
        expect(p.premiumKopecks).toBeLessThanOrEqual(p.ceilingKopecks)
        expect(p.ceilingApplied).toBe(over)
        if (over) {
          seen.capped++
          expect(p.premiumKopecks).toBe(p.ceilingKopecks)
        } else {
          seen.under++
          expect(p.premiumKopecks).toBe(p.uncappedPremiumKopecks)
        }
      }),
      { numRuns: 400 },
    )
    // Both sides of the rule were exercised, so neither assertion above is vacuous.
    expect(seen.capped).toBeGreaterThan(10)
    expect(seen.under).toBeGreaterThan(10)
  })

  it('is a positive whole number of kopecks', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = price(input)
        return Number.isSafeInteger(p.premiumKopecks) && p.premiumKopecks > 0
      }),
      { numRuns: 300 },
    )
  })

  it('records the version in force on the conclusion date', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = price(input)
        return p.tariffVersion === (input.conclusionDate >= '2025-12-09' ? '7204-U' : '6209-U')
      }),
      { numRuns: 200 },
    )
  })

  it('never rises as the KBM class improves (owner for unlimited, every driver for a limited list)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: kbmClasses.length - 2 }), (input, i) => {
        const worse = kbmClasses[i]!
        const better = kbmClasses[i + 1]!
        const withClass = (c: (typeof kbmClasses)[number]): OsagoInput =>
          input.drivers === 'unlimited'
            ? { ...input, owner: { ...input.owner, kbmClass: c } }
            : { ...input, drivers: input.drivers.map((d) => ({ ...d, kbmClass: c })) }
        return price(withClass(better)).premiumKopecks <= price(withClass(worse)).premiumKopecks
      }),
      { numRuns: 300 },
    )
  })

  it('never falls when a driver is added to a limited list', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (input.drivers === 'unlimited') return true
        const extra = input.drivers[0]!
        const more = { ...input, drivers: [...input.drivers, { ...extra, kbmClass: 'M' as const }] }
        return price(more).premiumKopecks >= price(input).premiumKopecks
      }),
      { numRuns: 200 },
    )
  })
})
