import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addYears } from '../dates/calendarDate'
import { defaultOption, draftToQuoteInput, type CascoDraft, type CascoOptionDraft } from './draft'
import { completeCascoDraft } from './draftFixture'
import { cascoQuoteInputSchema, CASCO_SETTLEMENTS } from './quoteInput'
import { quoteCasco } from './quote'
import type { CascoQuote } from './quoteTypes'
import { ctx, tariff } from './testFixtures'
import { applyCascoAlternative, cascoWhatIf, nextFranchise, type CascoWhatIf } from './whatIf'

/** The live quote of a whole draft (core/casco/cascoPricing.ts `priceCasco` on the test fixtures); null if refused. */
function quoteDraft(draft: CascoDraft): CascoQuote | null {
  const parsed = cascoQuoteInputSchema.safeParse(draftToQuoteInput(draft))
  if (!parsed.success) return null
  try {
    return quoteCasco(parsed.data, tariff, ctx)
  } catch {
    return null
  }
}

/** One column alone, as core/casco/cascoWhatIf.ts `quotedColumnTotal` prices an alternative. */
function columnTotal(draft: CascoDraft, option: number): number | null {
  const input = draftToQuoteInput(draft)
  const column = input.options[option]
  if (!column) return null
  const parsed = cascoQuoteInputSchema.safeParse({ ...input, options: [column] })
  if (!parsed.success) return null
  try {
    const o = quoteCasco(parsed.data, tariff, ctx).options[0]!
    return o.eligible ? o.schedule.totalKopecks : null
  } catch {
    return null
  }
}

function whatIf(draft: CascoDraft): { quote: CascoQuote; alternatives: CascoWhatIf[] } {
  const quote = quoteDraft(draft)
  if (!quote) throw new Error('the generated draft does not price')
  const totals = quote.options.map((o) => o.schedule.totalKopecks)
  return { quote, alternatives: cascoWhatIf(draft, totals, { tariff, price: columnTotal }) }
}

const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
const TODAY = '2026-03-02'

const optionArb: fc.Arbitrary<CascoOptionDraft> = fc
  .record({
    theftOnly: fc.boolean(),
    risks: fc.constantFrom('damage' as const, 'damageTheft' as const),
    franchise: fc.oneof(
      fc.constant({ type: 'none' as const, mode: 'amount' as const, value: null }),
      fc.record({
        type: fc.constantFrom('conditional' as const, 'unconditional' as const),
        mode: fc.constant('percent' as const),
        value: fc.integer({ min: 1, max: 1000 }).map((x) => x / 100),
      }),
      fc.record({
        type: fc.constantFrom('conditional' as const, 'unconditional' as const),
        mode: fc.constant('amount' as const),
        value: fc.integer({ min: 1_000_00, max: 150_000_00 }),
      }),
    ),
    settlement: fc.constantFrom(...CASCO_SETTLEMENTS),
    plan: fc.constantFrom('single' as const, 'two' as const, 'four' as const),
    gap: fc.boolean(),
    discount: fc.oneof(
      fc.constant(null),
      fc.integer({ min: 1, max: 1500 }).map((x) => x / 100),
    ),
  })
  .map((g) => ({
    ...defaultOption(),
    program: g.theftOnly ? ('theft' as const) : ('resoauto' as const),
    risks: g.theftOnly ? ('theft' as const) : g.risks,
    franchise: g.franchise,
    settlement: g.settlement,
    plan: g.plan,
    gap: g.gap,
    discountPercent: g.discount,
  }))

const draftArb: fc.Arbitrary<CascoDraft> = fc
  .record({
    model: fc.constantFrom('kia-rio', 'lada-vesta', 'toyota-camry', null),
    foreign: fc.boolean(),
    age: fc.integer({ min: 0, max: 8 }),
    marketValue: fc.integer({ min: 500_000_00, max: 5_000_000_00 }),
    siShare: fc.integer({ min: 50, max: 100 }),
    driverAge: fc.integer({ min: 19, max: 70 }),
    unlimited: fc.boolean(),
    termMonths: fc.oneof(fc.constant(12), fc.constant(12), fc.integer({ min: 1, max: 11 })),
    options: fc.array(optionArb, { minLength: 1, maxLength: 3 }),
  })
  .map((g) => {
    const d = completeCascoDraft(TODAY)
    d.vehicle.modelId = g.model
    d.vehicle.makeId = g.model ? g.model.split('-')[0]! : null
    d.vehicle.otherName = g.model ? '' : 'Другая модель'
    d.vehicle.otherForeign = g.foreign
    d.vehicle.year = 2026 - g.age
    d.vehicle.marketValueKopecks = g.marketValue
    d.sumInsuredKopecks = Math.floor((g.marketValue * g.siShare) / 100)
    d.contract.termMonths = g.termMonths
    const start = d.contract.startDate
    if (g.unlimited) d.drivers = { mode: 'unlimited' }
    else if (d.drivers.mode === 'list') {
      d.drivers.list[0]!.birthDate = addDays(addYears(start, -g.driverAge), -10)
      d.drivers.list[0]!.licenseSince = addYears(start, -Math.max(0, g.driverAge - 18))
    }
    d.options = g.options.map((o) => (g.termMonths === 12 ? o : { ...o, plan: 'single' as const }))
    return d
  })
  .filter((d) => quoteDraft(d) !== null)

describe('CASCO what-if', () => {
  it('applying an alternative gives its column exactly the total it showed (property)', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(draftArb, (draft) => {
        const { quote, alternatives } = whatIf(draft)
        for (const a of wire(alternatives)) {
          seen.add(a.alternative.kind)
          const applied = applyCascoAlternative(wire(draft), a.alternative)
          const requoted = quoteDraft(applied)
          const column = requoted?.options[a.alternative.option]
          expect(column?.schedule.totalKopecks).toBe(a.totalKopecks)
          expect(column?.eligible).toBe(true)
          expect(a.differenceKopecks).toBe(a.totalKopecks - quote.options[a.alternative.option]!.schedule.totalKopecks)
          // Only its own column moves.
          requoted!.options.forEach((o, i) => {
            if (i !== a.alternative.option)
              expect(o.schedule.totalKopecks).toBe(quote.options[i]!.schedule.totalKopecks)
          })
          expect(applied).not.toEqual(draft)
        }
      }),
      { numRuns: 60 },
    )
    expect([...seen].sort()).toEqual(['franchise', 'plan', 'settlement'])
  }, 60_000)

  it('the next franchise is the next band of the tariff, in the column’s own mode, and never past the last', () => {
    const si = 1_500_000_00
    expect(nextFranchise({ type: 'none', mode: 'amount', value: null }, si, tariff)).toEqual({
      type: 'unconditional',
      mode: 'amount',
      value: 7_500_00,
    })
    // 30 000 ₽ of 1.5 M is 2 %: the band «up to 2 %», so the next is «up to 3 %» = 45 000 ₽.
    expect(nextFranchise({ type: 'unconditional', mode: 'amount', value: 30_000_00 }, si, tariff)).toEqual({
      type: 'unconditional',
      mode: 'amount',
      value: 45_000_00,
    })
    // 3 % is the band «up to 3 %»: the next one ends at 5 %.
    expect(nextFranchise({ type: 'conditional', mode: 'percent', value: 3 }, si, tariff)).toEqual({
      type: 'conditional',
      mode: 'percent',
      value: 5,
    })
    expect(nextFranchise({ type: 'conditional', mode: 'percent', value: 10 }, si, tariff)).toBeNull()
    expect(nextFranchise({ type: 'none', mode: 'amount', value: null }, null, tariff)).toBeNull()
  })

  it('the default three columns: the franchise column steps to 45 000 ₽ and is cheaper; instalments cost more', () => {
    const { alternatives } = whatIf(completeCascoDraft(TODAY))
    const second = alternatives.filter((a) => a.alternative.option === 1)
    const franchise = second.find((a) => a.alternative.kind === 'franchise')!
    expect(franchise.label).toEqual({
      key: 'whatIf.casco.franchise.unconditional.amount',
      params: { value: '45\u00a0000,00' },
    })
    expect(franchise.differenceKopecks).toBeLessThan(0)
    for (const a of second.filter((x) => x.alternative.kind === 'plan')) expect(a.differenceKopecks).toBeGreaterThan(0)
    // Theft only: neither a franchise nor a settlement changes it, so only the payment plan is offered.
    expect(alternatives.filter((a) => a.alternative.option === 2).map((a) => a.alternative.kind)).toEqual([
      'plan',
      'plan',
    ])
  })
})
