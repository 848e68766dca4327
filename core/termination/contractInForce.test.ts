import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import { fraction, multiply, roundHalfUp } from '../../shared/money/exact'
import type { OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { calculateApplicationRefund } from '../../shared/termination/applicationRefund'
import type { ContractData } from '../../shared/termination/application'
import { calendar2025to2026 as calendar } from '../../shared/termination/testing/calendar2025to2026'
import { bundledRules, bundledRulesFile } from '../../shared/termination/testing/rules'
import type { AppliedOsagoChange } from '../osago/api'
import { osagoContract } from './contracts'

/**
 * The OSAGO contract the termination desk refunds from is the contract in force (core/osago/termsInForce.ts): over
 * random issued premiums, changes (re-priced or not, with their own periods of use) and application dates.
 */
const START = '2025-01-01'
const END = '2025-12-31'
const day = (offset: number) => addDays(START, offset)

function draftWith(periods: Array<{ from: string; to: string }>): OsagoDraft {
  const d = completeDraft('2024-12-20')
  d.contract.periodsOfUse = periods
  return d
}

const row = (issued: OsagoDraft, premium: number) => ({
  id: 'p1',
  status: 'printed',
  draft: JSON.stringify(issued),
  premium_kopecks: premium,
  conclusion_date: '2024-12-20',
  start_date: START,
  end_date: END,
  insured_name: 'Смирнов Алексей Игоревич',
  plate: null,
  vin: null,
  policy_series: 'ААК',
  policy_number: '0000000101',
  terminated_on: null,
})

type Periods = Array<{ from: string; to: string }>

/** No periods, one, or two that do not overlap, inside the term. */
const periodsArb: fc.Arbitrary<Periods> = fc
  .uniqueArray(fc.integer({ min: 0, max: 364 }), { minLength: 4, maxLength: 4 })
  .chain((offsets) => {
    const [a, b, c, d] = [...offsets].sort((x, y) => x - y) as [number, number, number, number]
    return fc.constantFrom(
      [],
      [{ from: day(a), to: day(d) }],
      [
        { from: day(a), to: day(b) },
        { from: day(c), to: day(d) },
      ],
    )
  })

const changeArb = fc.record({
  offset: fc.integer({ min: 0, max: 364 }),
  premium: fc.option(fc.integer({ min: 1, max: 50_000_000 }), { nil: null }),
  periods: periodsArb,
})

function changes(
  list: Array<{ offset: number; premium: number | null; periods: Array<{ from: string; to: string }> }>,
) {
  return list.map((c, i): AppliedOsagoChange => ({
    id: `c${i}`,
    appliedAt: `${day(c.offset)}T0${i % 10}:00:00.000Z`,
    appliedOn: day(c.offset),
    after: draftWith(c.periods),
    newPremiumKopecks: c.premium,
  }))
}

const refund = (c: ContractData, applicationDate: string) =>
  calculateApplicationRefund(
    {
      product: 'osago',
      kind: 'osago-early-termination',
      ground: 'owner-change',
      policyholderType: c.policyholderType,
      premiumKopecks: c.premiumKopecks,
      conclusionDate: c.conclusionDate,
      contractStart: c.startDate,
      contractEnd: c.endDate,
      applicationDate,
      eventDate: null,
      periodsOfUse: c.periodsOfUse,
      insuredEventOccurred: false,
      cascoChoice: null,
    },
    bundledRules,
    bundledRulesFile.version,
    calendar,
  )

describe('the OSAGO contract a termination refunds from', () => {
  it('property: the refund never exceeds the premium in force less what it earned; as issued without changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        periodsArb,
        fc.array(changeArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 364 }),
        (issuedPremium, issuedPeriods, list, applied) => {
          const issued = draftWith(issuedPeriods)
          const on = day(applied)
          const all = changes(list)
          const contract = osagoContract(row(issued, issuedPremium), all, on)!
          const taken = all.filter((c) => c.appliedOn <= on).sort((a, b) => (a.appliedAt < b.appliedAt ? -1 : 1))
          const last = taken[taken.length - 1]
          const priced = taken.filter((c) => c.newPremiumKopecks !== null).pop()
          // The premium and periods in force: the last priced change's premium, the last change's periods.
          expect(contract.premiumKopecks).toBe(priced?.newPremiumKopecks ?? issuedPremium)
          const periods = (last ? last.after : issued).contract.periodsOfUse
          expect(contract.periodsOfUse).toEqual(periods.length ? periods : null)
          expect(contract.changed ?? null).toEqual(
            last ? { on: last.appliedOn, issuedPremiumKopecks: issuedPremium } : null,
          )

          const calc = refund(contract, on)
          expect(calc.outcome).toBe('refund')
          // Earned: the premium in force for the days (of the periods) that ran; the rest is the most that can go back.
          const unearned = roundHalfUp(multiply(contract.premiumKopecks, fraction(calc.unexpiredDays!, calc.daysPaid!)))
          expect(calc.refundKopecks).toBeLessThanOrEqual(unearned)
          expect(calc.refundKopecks).toBeGreaterThanOrEqual(0)

          if (taken.length === 0) {
            // Nothing applied by that day: exactly what the desk computed from the issued policy before.
            const asIssued: ContractData = {
              ...contract,
              premiumKopecks: issuedPremium,
              periodsOfUse: issuedPeriods.length ? issuedPeriods : null,
            }
            expect(contract).toEqual(asIssued)
            expect(calc).toEqual(refund(osagoContract(row(issued, issuedPremium), [])!, on))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('takes a change applied later than the day asked for only when no day is given', () => {
    const issued = draftWith([])
    const later = changes([{ offset: 200, premium: 2_000_000, periods: [] }])
    expect(osagoContract(row(issued, 1_000_000), later, day(100))!.premiumKopecks).toBe(1_000_000)
    expect(osagoContract(row(issued, 1_000_000), later, day(200))!.premiumKopecks).toBe(2_000_000)
    expect(osagoContract(row(issued, 1_000_000), later)!.premiumKopecks).toBe(2_000_000)
    // A change that does not re-price (a duplicate) keeps the premium the previous one set.
    const two = changes([
      { offset: 10, premium: 1_500_000, periods: [] },
      { offset: 20, premium: null, periods: [] },
    ])
    expect(osagoContract(row(issued, 1_000_000), two)!).toMatchObject({
      premiumKopecks: 1_500_000,
      changed: { on: day(20), issuedPremiumKopecks: 1_000_000 },
    })
  })
})
