import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths, addYears } from '../dates/calendarDate'
import { calculateOsagoPremium, coefficientCodes, type OsagoPremium } from './calculator'
import { regions, tariffs } from './testFixtures'
import type { OsagoDriver, OsagoInput } from './input'
import { selectTariff } from './selectTariff'
import { kbmClasses } from './tariffSchema'

/** Independent of shared/money: scale every decimal to an integer, multiply in BigInt, round half-up once. */
function expectedPremium(p: OsagoPremium): number {
  let num = 1n
  let den = 1n
  for (const code of coefficientCodes) {
    const [int, frac = ''] = String(p.coefficients[code]).split('.')
    num *= BigInt(int! + frac)
    den *= 10n ** BigInt(frac.length)
  }
  num *= 100n // TB roubles → kopecks
  return Number((2n * num + den) / (2n * den))
}

const places = regions.regions.flatMap((r) => (r.federalCity
  ? [{ region: r.name, city: null as string | null }]
  : [...r.cities.map((c) => ({ region: r.name, city: c.name as string | null })), { region: r.name, city: null }, { region: r.name, city: 'Несуществующий посёлок' }]))

const startArb = fc.integer({ min: 0, max: 1600 }).map((d) => addDays('2022-09-20', d))

function driverArb(start: string): fc.Arbitrary<OsagoDriver> {
  return fc.record({
    age: fc.integer({ min: 16, max: 90 }),
    extraDays: fc.integer({ min: 0, max: 364 }),
    expShare: fc.double({ min: 0, max: 1, noNaN: true }),
    kbmClass: fc.constantFrom(...kbmClasses),
  }).map(({ age, extraDays, expShare, kbmClass }) => {
    const birthDate = addDays(addYears(start, -age), -extraDays)
    const experience = Math.floor(expShare * (age - 16))
    return { birthDate, licenseSince: addYears(start, -experience), kbmClass }
  })
}

const inputArb: fc.Arbitrary<OsagoInput> = startArb.chain((startDate) => fc.record({
  conclusionOffset: fc.integer({ min: 0, max: 5 }),
  place: fc.constantFrom(...places),
  ownerType: fc.constantFrom('individual' as const, 'legal' as const),
  ownerClass: fc.constantFrom(...kbmClasses),
  drivers: fc.oneof(fc.constant('unlimited' as const), fc.array(driverArb(startDate), { minLength: 1, maxLength: 4 })),
  power: fc.oneof(
    fc.integer({ min: 2000, max: 40000 }).map((x) => ({ powerHp: x / 100 })),
    fc.integer({ min: 1500, max: 30000 }).map((x) => ({ powerKw: x / 100 })),
  ),
  months: fc.option(fc.integer({ min: 3, max: 12 }), { nil: undefined }),
  trailer: fc.boolean(),
  gross: fc.boolean(),
}).map((g) => ({
  conclusionDate: addDays(startDate, -g.conclusionOffset) < '2022-09-13' ? startDate : addDays(startDate, -g.conclusionOffset),
  startDate,
  vehicle: { category: 'B' as const, ...g.power, usedWithTrailer: g.trailer, registeredIn: 'RU' as const },
  owner: { type: g.ownerType, region: g.place.region, city: g.place.city, kbmClass: g.ownerClass },
  drivers: g.drivers,
  ...(g.months === undefined ? {} : { periodsOfUse: [{ from: startDate, to: addDays(addMonths(startDate, g.months), -1) }] }),
  grossViolations: g.gross,
})))

function price(input: OsagoInput): OsagoPremium {
  const chosen = selectTariff(tariffs, input.conclusionDate)
  if (!chosen.ok) throw new Error(JSON.stringify(chosen.error))
  const r = calculateOsagoPremium(input, chosen.tariff, regions)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('OSAGO premium properties', () => {
  it('premium = TB × the product of the coefficients, rounded half-up, for every version', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const p = price(input)
      expect(p.premiumKopecks).toBe(expectedPremium(p))
      expect(Object.fromEntries(p.breakdown.map((b) => [b.code, b.value]))).toEqual(p.coefficients)
    }), { numRuns: 400 })
  })

  it('is a positive whole number of kopecks', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const p = price(input)
      return Number.isSafeInteger(p.premiumKopecks) && p.premiumKopecks > 0
    }), { numRuns: 300 })
  })

  it('records the version in force on the conclusion date', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const p = price(input)
      return p.tariffVersion === (input.conclusionDate >= '2025-12-09' ? '7204-U' : '6209-U')
    }), { numRuns: 200 })
  })

  it('never rises as the KBM class improves (owner for unlimited, every driver for a limited list)', () => {
    fc.assert(fc.property(inputArb, fc.integer({ min: 0, max: kbmClasses.length - 2 }), (input, i) => {
      const worse = kbmClasses[i]!
      const better = kbmClasses[i + 1]!
      const withClass = (c: (typeof kbmClasses)[number]): OsagoInput => (input.drivers === 'unlimited'
        ? { ...input, owner: { ...input.owner, kbmClass: c } }
        : { ...input, drivers: input.drivers.map((d) => ({ ...d, kbmClass: c })) })
      return price(withClass(better)).premiumKopecks <= price(withClass(worse)).premiumKopecks
    }), { numRuns: 300 })
  })

  it('never falls when a driver is added to a limited list', () => {
    fc.assert(fc.property(inputArb, (input) => {
      if (input.drivers === 'unlimited') return true
      const extra = input.drivers[0]!
      const more = { ...input, drivers: [...input.drivers, { ...extra, kbmClass: 'M' as const }] }
      return price(more).premiumKopecks >= price(input).premiumKopecks
    }), { numRuns: 200 })
  })
})
