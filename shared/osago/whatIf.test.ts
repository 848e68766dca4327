import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths, addYears } from '../dates/calendarDate'
import { emptyOrganisation } from '../party/draft'
import { calculateOsagoPremium } from './calculator'
import { draftToPremiumInput, type DriverDraft, type OsagoDraft } from './draft'
import { parseOsagoInput, type OsagoInput } from './input'
import { selectTariff } from './selectTariff'
import { monthsInPeriod } from './monthsOfUse'
import { kbmClasses } from './tariffSchema'
import { completeDraft } from './testing/completeDraft'
import { regions, tariffs } from './testFixtures'
import {
  applyOsagoAlternative,
  applyToParsedInput,
  USE_MONTHS,
  osagoWhatIf,
  type OsagoAlternative,
  type OsagoWhatIf,
} from './whatIf'

/** What the live quote's calculator does with a parsed input (core/osago/osagoPricing.ts, on the test fixtures). */
function priceInput(input: OsagoInput): number | null {
  const chosen = selectTariff(tariffs, input.conclusionDate)
  if (!chosen.ok) return null
  const r = calculateOsagoPremium(input, chosen.tariff, regions)
  return r.ok ? r.value.premiumKopecks : null
}

/** …and with a draft (core/osago/osagoWhatIf.ts `quotedPremium`): parsed first. */
function price(draft: OsagoDraft): number | null {
  const parsed = parseOsagoInput(draftToPremiumInput(draft))
  return parsed.ok ? priceInput(parsed.value) : null
}

function parse(draft: OsagoDraft): OsagoInput {
  const parsed = parseOsagoInput(draftToPremiumInput(draft))
  if (!parsed.ok) throw new Error('the generated draft does not parse')
  return parsed.value
}

function whatIf(draft: OsagoDraft): { premium: number; alternatives: OsagoWhatIf[] } {
  const premium = price(draft)
  if (premium === null) throw new Error('the generated draft does not price')
  const chosen = selectTariff(tariffs, draft.contract.conclusionDate)
  if (!chosen.ok) throw new Error('no tariff')
  return {
    premium,
    alternatives: osagoWhatIf(draft, parse(draft), premium, { tariff: chosen.tariff, price: priceInput }),
  }
}

/** Through IPC and back: what the renderer holds is a structured clone, not the core's objects. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

const TODAY = '2026-03-02'

function driverArb(start: string): fc.Arbitrary<DriverDraft> {
  return fc
    .record({
      age: fc.integer({ min: 18, max: 80 }),
      extraDays: fc.integer({ min: 0, max: 364 }),
      expShare: fc.double({ min: 0, max: 1, noNaN: true }),
      kbmClass: fc.constantFrom(...kbmClasses),
      surname: fc.constantFrom('Иванов', 'Петрова', 'Смирнов', ''),
    })
    .map(({ age, extraDays, expShare, kbmClass, surname }) => ({
      surname,
      name: 'Анна',
      patronymic: 'Сергеевна',
      gender: 'female' as const,
      birthDate: addDays(addYears(start, -age), -extraDays),
      licence: { series: '9900', number: '000001' },
      licenseSince: addYears(start, -Math.floor(expShare * (age - 18))),
      licenseYearOnly: false,
      kbmClass,
      kbmReason: '',
    }))
}

const draftArb: fc.Arbitrary<OsagoDraft> = fc
  .record({
    startOffset: fc.integer({ min: 1, max: 60 }),
    organisation: fc.boolean(),
    region: fc.constantFrom('Москва', 'Иркутская область', 'Санкт-Петербург', 'Калужская область'),
    power: fc.integer({ min: 50, max: 300 }),
    kw: fc.boolean(),
    months: fc.option(fc.constantFrom(3, 4, 6, 9, 10), { nil: null }),
    ownerClass: fc.constantFrom(...kbmClasses),
    unlimited: fc.boolean(),
    seeds: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }),
    gross: fc.boolean(),
  })
  .chain((g) => {
    const start = addDays(TODAY, g.startOffset)
    return fc.array(driverArb(start), { minLength: g.seeds.length, maxLength: g.seeds.length }).map((list) => {
      const d = completeDraft(TODAY) as OsagoDraft
      d.contract.startDate = start
      d.vehicle.power = g.power
      d.vehicle.powerUnit = g.kw ? 'kw' : 'hp'
      d.grossViolations = g.gross
      if (g.organisation) {
        d.insured = { kind: 'organisation', ...emptyOrganisation() }
        d.insured.address.region = g.region
        d.drivers = { mode: 'unlimited', ownerKbmClass: g.ownerClass }
      } else {
        d.insured.address.region = g.region
        d.drivers = g.unlimited ? { mode: 'unlimited', ownerKbmClass: g.ownerClass } : { mode: 'list', list }
        if (g.months !== null) d.contract.periodsOfUse = [{ from: start, to: addDays(addMonths(start, g.months), -1) }]
      }
      return d
    })
  })

describe('OSAGO what-if', () => {
  it('applying an alternative gives exactly the premium it showed (property)', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(draftArb, (draft) => {
        const { premium, alternatives } = whatIf(draft)
        for (const a of wire(alternatives)) {
          seen.add(a.alternative.kind)
          const applied = applyOsagoAlternative(wire(draft), a.alternative)
          expect(price(applied)).toBe(a.premiumKopecks)
          expect(a.differenceKopecks).toBe(a.premiumKopecks - premium)
          // The transformation changes the draft (never a no-op shown as an alternative) and leaves its argument alone.
          expect(applied).not.toEqual(draft)
          // …and does what its label says.
          const alt = a.alternative
          if (alt.kind === 'monthsOfUse') {
            const periods = applied.contract.periodsOfUse
            expect(periods.length === 0 ? 12 : periods.reduce((n, p) => n + monthsInPeriod(p), 0)).toBe(alt.months)
          }
          if (alt.kind === 'anyDriver')
            expect(applied.drivers).toEqual({ mode: 'unlimited', ownerKbmClass: alt.ownerKbmClass })
          if (alt.kind === 'withoutDriver' && draft.drivers.mode === 'list' && applied.drivers.mode === 'list')
            expect(applied.drivers.list).toEqual(draft.drivers.list.filter((_, i) => i !== alt.index))
        }
      }),
      { numRuns: 300 },
    )
    expect([...seen].sort()).toEqual(['anyDriver', 'monthsOfUse', 'withoutDriver'])
  })

  it('an alternative on the parsed input is exactly the parse of the applied draft (property)', () => {
    // Every alternative the what-if can build, on any draft that parses (offered for it or not): the what-if prices
    // `applyToParsedInput` and «Применить» quotes the applied draft, so the two must never part.
    const alternativeArb: fc.Arbitrary<OsagoAlternative> = fc.oneof(
      fc.record({
        kind: fc.constant('anyDriver' as const),
        ownerKbmClass: fc.constantFrom(...kbmClasses, ' m ', '3 '),
      }),
      fc.record({ kind: fc.constant('withoutDriver' as const), index: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('monthsOfUse' as const), months: fc.constantFrom(...USE_MONTHS) }),
    )
    fc.assert(
      fc.property(draftArb, alternativeArb, (draft, alternative) => {
        const viaDraft = parseOsagoInput(draftToPremiumInput(applyOsagoAlternative(draft, alternative)))
        const viaInput = applyToParsedInput(parse(draft), alternative)
        if (!viaDraft.ok) expect(viaInput).toBeNull()
        else expect(viaInput).toEqual(viaDraft.value)
      }),
      { numRuns: 400 },
    )
  })

  it('leaves out what the rules do not allow: no periods of use and no named list for an organisation', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const kinds = whatIf(draft).alternatives.map((a) => a.alternative.kind)
        if (draft.insured.kind === 'organisation') expect(kinds).toEqual([])
        if (draft.drivers.mode === 'unlimited') expect(kinds).not.toContain('anyDriver')
        if (draft.drivers.mode === 'list' && draft.drivers.list.length < 2) expect(kinds).not.toContain('withoutDriver')
      }),
      { numRuns: 150 },
    )
  })

  it('two drivers: «without» names the young, inexperienced one and is cheaper; 3/6/9 months offered', () => {
    const draft = completeDraft(TODAY)
    const { premium, alternatives } = whatIf(draft)
    const without = alternatives.find((a) => a.alternative.kind === 'withoutDriver')!
    expect(without.label).toEqual({ key: 'whatIf.osago.withoutDriver', params: { name: 'Смирнова О. П.' } })
    expect(without.alternative).toEqual({ kind: 'withoutDriver', index: 1 })
    expect(without.differenceKopecks).toBeLessThan(0)
    // The insured is the first listed driver: "any driver" keeps his class.
    expect(alternatives[0]).toMatchObject({ alternative: { kind: 'anyDriver', ownerKbmClass: '3' } })
    expect(alternatives.filter((a) => a.alternative.kind === 'monthsOfUse').map((a) => a.label.params.months)).toEqual([
      3, 6, 9,
    ])
    for (const a of alternatives) expect(a.premiumKopecks - premium).toBe(a.differenceKopecks)
  })

  it('the whole year is offered back from a period of use, and the period it would repeat is not', () => {
    const draft = completeDraft(TODAY)
    const start = draft.contract.startDate
    draft.contract.periodsOfUse = [{ from: start, to: addDays(addMonths(start, 6), -1) }]
    const labels = whatIf(draft)
      .alternatives.filter((a) => a.alternative.kind === 'monthsOfUse')
      .map((a) => a.label)
    expect(labels).toEqual([
      { key: 'whatIf.osago.months.m3', params: { months: 3 } },
      { key: 'whatIf.osago.months.m9', params: { months: 9 } },
      { key: 'whatIf.osago.wholeYear', params: {} },
    ])
  })
})
