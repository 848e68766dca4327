import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { roundHalfUp } from '../money/exact'
import { calculateApplicationRefund, type ApplicationRefundRequest, type RefundCalculation } from './applicationRefund'
import { TerminationInputError } from './errors'
import { refundFormulaLines, formatExactRubles } from './formula'
import { calculateRefund } from './refund'
import { calendar2025to2026 as calendar } from './testing/calendar2025to2026'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'

const VERSION = bundledRulesFile.version

function osago(over: Partial<ApplicationRefundRequest> = {}): ApplicationRefundRequest {
  return {
    product: 'osago',
    kind: 'osago-early-termination',
    ground: 'owner-change',
    policyholderType: 'individual',
    premiumKopecks: 1_000_000,
    conclusionDate: '2024-12-20',
    contractStart: '2025-01-01',
    contractEnd: '2025-12-31',
    applicationDate: '2025-03-31',
    eventDate: null,
    periodsOfUse: null,
    insuredEventOccurred: false,
    cascoChoice: null,
    ...over,
  }
}
function coolingOff(over: Partial<ApplicationRefundRequest> = {}): ApplicationRefundRequest {
  return {
    ...osago(),
    product: 'casco',
    kind: 'cooling-off',
    ground: null,
    conclusionDate: '2025-12-25',
    contractStart: '2026-01-01',
    contractEnd: '2026-12-31',
    applicationDate: '2026-01-12',
    ...over,
  }
}
function cascoSale(over: Partial<ApplicationRefundRequest> = {}): ApplicationRefundRequest {
  return { ...osago(), product: 'casco', kind: 'casco-sale', ground: null, cascoChoice: 'refund', ...over }
}
const calc = (r: ApplicationRefundRequest, ru = rules) => calculateApplicationRefund(r, ru, VERSION, calendar)

/** The stored numbers must give back the stored amount: the sheet's formula is the calculation, not a retelling. */
function reproduces(c: RefundCalculation): void {
  if (!c.eligible || c.outcome !== 'refund') return
  const exact = { num: BigInt(c.exactKopecks!.num), den: BigInt(c.exactKopecks!.den) }
  expect(roundHalfUp(exact)).toBe(c.refundKopecks)
}

describe('application refund: OSAGO', () => {
  it('stores the formula numbers, the rules version and the deadline', () => {
    const c = calc(osago())
    expect(c).toMatchObject({
      outcome: 'refund',
      eligible: true,
      terminationDate: '2025-03-31',
      terminationDateRule: 'application-date',
      formula: 'osago',
      share: '0.77',
      daysPaid: 365,
      unexpiredDays: 275,
      refundKopecks: 580_137,
      payoutDueDate: '2025-04-14',
      rulesVersion: VERSION,
      needsApproval: false,
    })
    reproduces(c)
    const o = osago()
    expect(c.refundKopecks).toBe(
      calculateRefund(
        {
          kind: 'osago-early-termination',
          ground: 'owner-change',
          premiumKopecks: o.premiumKopecks,
          conclusionDate: o.conclusionDate,
          contractStart: o.contractStart,
          contractEnd: o.contractEnd,
          applicationDate: o.applicationDate,
        },
        rules,
        calendar,
      ).refundKopecks,
    )
  })
  it('counts within paid periods of use', () => {
    const periodsOfUse = [
      { from: '2025-01-01', to: '2025-03-31' },
      { from: '2025-06-01', to: '2025-08-31' },
    ]
    const c = calc(osago({ periodsOfUse, applicationDate: '2025-02-14' }))
    expect(c).toMatchObject({ formula: 'osago-periods', daysPaid: 182, unexpiredDays: 137, refundKopecks: 579_615 })
    reproduces(c)
  })
  it('after the term: not eligible, nothing to approve or pay', () => {
    expect(calc(osago({ applicationDate: '2026-01-01' }))).toMatchObject({
      outcome: 'not-eligible',
      reason: 'termination.reason.applicationAfterTermEnd',
      refundKopecks: 0,
      payoutDueDate: null,
      needsApproval: false,
    })
  })
  it('needs approval above the threshold only', () => {
    const threshold = rules.supervisorApproval.refundThresholdKopecks.value
    expect(calc(osago({ premiumKopecks: 20_000_000 })).needsApproval).toBe(true)
    const low = rulesWith((r) => {
      r.supervisorApproval.refundThresholdKopecks.value = 580_137
    })
    expect(calc(osago(), low).needsApproval).toBe(false)
    expect(calc(osago({ premiumKopecks: 1_000_002 }), low).needsApproval).toBe(true)
    expect(calc(osago()).approvalThresholdKopecks).toBe(threshold)
  })
  it('refuses a kind that does not suit the contract', () => {
    expect(() => calc(osago({ kind: 'cooling-off' }))).toThrow(TerminationInputError)
    expect(() => calc(coolingOff({ product: 'osago' }))).toThrow(/kindNotForContract/)
    expect(() => calc(cascoSale({ product: 'voluntary' }))).toThrow(/kindNotForContract/)
  })
})

describe('application refund: cooling-off', () => {
  it('day 14 on the New Year holidays moves the window to 12.01.2026', () => {
    const c = calc(coolingOff())
    expect(c).toMatchObject({
      outcome: 'refund',
      coolingOffLastDay: '2026-01-08',
      coolingOffWindowEnd: '2026-01-12',
      formula: 'cooling-off',
      daysInForce: 12,
      daysPaid: 365,
      refundKopecks: 967_123,
      payoutDueDate: '2026-01-26',
    })
    reproduces(c)
    expect(calc(coolingOff({ applicationDate: '2026-01-13' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.coolingOffWindowPassed',
    })
  })
  it('before cover starts: the full premium', () => {
    const c = calc(coolingOff({ applicationDate: '2025-12-29' }))
    expect(c).toMatchObject({ formula: 'cooling-off-before-cover', daysInForce: 0, refundKopecks: 1_000_000 })
    reproduces(c)
  })
  it('only for individuals and only without an insured event', () => {
    expect(calc(coolingOff({ policyholderType: 'legal' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.coolingOffIndividualsOnly',
    })
    expect(calc(coolingOff({ insuredEventOccurred: true }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.insuredEventOccurred',
      refundKopecks: 0,
    })
  })
})

describe('application refund: CASCO after a sale', () => {
  it('pro rata with the expense share of the rules, due in the data deadline', () => {
    const c = calc(cascoSale())
    expect(c).toMatchObject({
      formula: 'casco-sale',
      share: '1',
      unexpiredDays: 275,
      daysPaid: 365,
      refundKopecks: 753_425,
      payoutDueDate: '2025-04-14',
    })
    expect(c.unverifiedRules).toEqual(['cascoSale.terminationDate', 'cascoSale.refundRule', 'cascoSale.payoutDeadline'])
    reproduces(c)
    const kept = calc(
      cascoSale(),
      rulesWith((r) => {
        r.cascoSale.refundRule.value = { method: 'pro-rata-unexpired-days', expenseShare: '0.2' }
      }),
    )
    expect(kept).toMatchObject({ share: '0.8', refundKopecks: 602_740 })
    reproduces(kept)
  })
  it('re-issue to the new owner: recorded, nothing ends, nothing refunded', () => {
    expect(calc(cascoSale({ cascoChoice: 'reissue' }))).toMatchObject({
      outcome: 'reissue',
      terminationDate: null,
      refundKopecks: 0,
      payoutDueDate: null,
    })
  })
  it('after the term: not eligible', () => {
    expect(calc(cascoSale({ applicationDate: '2026-01-01' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.applicationAfterTermEnd',
    })
  })
})

describe('refund formula written out', () => {
  it('OSAGO: every number, the rounding, the deadline and the version', () => {
    const lines = refundFormulaLines(calc(osago()), 'ru')
    expect(lines.map((l) => l.key)).toEqual([
      'termination.formula.terminationDate.application',
      'termination.formula.osago.general',
      'termination.formula.term',
      'termination.formula.unexpired',
      'termination.formula.osago.values',
      'termination.formula.rounded',
      'termination.formula.payoutDue.calendarMoved',
      'termination.formula.latePayout.contractual-penalty',
      'termination.formula.rulesVersion',
    ])
    expect(lines[3]!.params).toEqual({ from: '01.04.2025', to: '31.12.2025', days: 275 })
    expect(lines[4]!.params).toMatchObject({
      premium: '10\u00a0000,00\u00a0₽',
      share: '0,77',
      unexpired: 275,
      paid: 365,
      exact: '5\u00a0801,36986…\u00a0₽',
    })
    expect(lines[5]!.params).toEqual({ refund: '5\u00a0801,37\u00a0₽' })
  })
  it('cooling-off with a moved window, and a not-eligible case stops after the reason', () => {
    const keys = refundFormulaLines(calc(coolingOff()), 'en').map((l) => l.key)
    expect(keys[0]).toBe('termination.formula.coolingOff.windowMoved')
    expect(keys).toContain('termination.formula.payoutDue.working')
    const late = refundFormulaLines(calc(coolingOff({ applicationDate: '2026-01-13' })), 'ru').map((l) => l.key)
    expect(late).toEqual([
      'termination.formula.coolingOff.windowMoved',
      'termination.formula.terminationDate.application',
      'termination.formula.nothingDue',
      'termination.formula.rulesVersion',
    ])
  })
  it('writes exact amounts with three digits past the kopeck', () => {
    expect(formatExactRubles({ num: '2320', den: '3' }, 'ru')).toBe('7,73333…\u00a0₽')
    expect(formatExactRubles({ num: '15', den: '2' }, 'ru')).toBe('0,075\u00a0₽')
    expect(formatExactRubles({ num: '100', den: '1' }, 'en')).toBe('₽1.00')
  })
})

describe('application refund properties', () => {
  it('the stored numbers always reproduce the amount, for every kind', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 420 }),
        fc.constantFrom('osago', 'cooling', 'casco'),
        (premiumKopecks, offset, which) => {
          const request =
            which === 'osago'
              ? osago({ premiumKopecks, applicationDate: addDays('2025-01-01', offset) })
              : which === 'casco'
                ? cascoSale({ premiumKopecks, applicationDate: addDays('2025-01-01', offset) })
                : coolingOff({ premiumKopecks, applicationDate: addDays('2025-12-25', Math.min(offset, 300)) })
          const c = calc(request)
          expect(c.refundKopecks).toBeGreaterThanOrEqual(0)
          expect(c.refundKopecks).toBeLessThanOrEqual(premiumKopecks)
          reproduces(c)
          expect(refundFormulaLines(c, 'ru').at(-1)!.key).toBe('termination.formula.rulesVersion')
        },
      ),
    )
  })
})
