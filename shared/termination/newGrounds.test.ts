import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { roundHalfUp } from '../money/exact'
import { calculateApplicationRefund, type ApplicationRefundRequest, type RefundCalculation } from './applicationRefund'
import { TerminationInputError } from './errors'
import { refundFormulaLines } from './formula'
import { calendar2025to2026 as calendar } from './testing/calendar2025to2026'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'

/**
 * Issue 9 (d): the grounds that were missing, each with its refund rule from the data — OSAGO: liquidation of a
 * legal-entity policyholder (837-P as carried from 431-P 1.13; refund by the OSAGO formula, unverified) and the
 * insurer's termination for false information (no refund, unverified, docs/domain/terminations-and-refunds.md#d1);
 * CASCO: loss not by an insured event (GK RF art. 958 p. 1, pro rata) and refusal after the cooling-off (958 p. 3,
 * nothing unless the rules say so).
 */
const VERSION = bundledRulesFile.version
const base: ApplicationRefundRequest = {
  product: 'osago',
  kind: 'osago-early-termination',
  ground: 'policyholder-liquidation',
  policyholderType: 'legal',
  premiumKopecks: 1_000_000,
  conclusionDate: '2024-12-20',
  contractStart: '2025-01-01',
  contractEnd: '2025-12-31',
  applicationDate: '2025-04-10',
  eventDate: '2025-03-31',
  periodsOfUse: null,
  insuredEventOccurred: false,
  cascoChoice: null,
}
const calc = (over: Partial<ApplicationRefundRequest>, ru = rules) =>
  calculateApplicationRefund({ ...base, ...over }, ru, VERSION, calendar)
const casco = (over: Partial<ApplicationRefundRequest>) => ({
  product: 'casco' as const,
  ground: null,
  policyholderType: 'individual' as const,
  ...over,
})

function reproduces(c: RefundCalculation): void {
  if (c.outcome !== 'refund') return
  expect(roundHalfUp({ num: BigInt(c.exactKopecks!.num), den: BigInt(c.exactKopecks!.den) })).toBe(c.refundKopecks)
}

describe('OSAGO: liquidation of the legal-entity policyholder', () => {
  it('ends on the liquidation date and refunds by the OSAGO formula, flagged unverified', () => {
    const c = calc({})
    // As the seed's 31.03 example: 275 of 365 days × 0.77.
    expect(c).toMatchObject({
      outcome: 'refund',
      terminationDate: '2025-03-31',
      terminationDateRule: 'event-date',
      formula: 'osago',
      refundKopecks: 580_137,
      payoutDueDate: '2025-04-24',
    })
    expect(c.unverifiedRules).toEqual(
      expect.arrayContaining([
        'osago.grounds.policyholder-liquidation.terminationDate',
        'osago.grounds.policyholder-liquidation.refund',
      ]),
    )
    reproduces(c)
  })
  it('is a ground only for a legal entity', () => {
    expect(() => calc({ policyholderType: 'individual' })).toThrow(
      expect.objectContaining({ field: 'ground', messageKey: 'termination.problem.liquidationLegalOnly' }),
    )
  })
  it('needs the liquidation date', () => {
    expect(() => calc({ eventDate: null })).toThrow(
      expect.objectContaining({ field: 'eventDate', messageKey: 'termination.error.eventDateRequired' }),
    )
  })
})

describe('OSAGO: termination by the insurer for false information', () => {
  const falseInfo = {
    ground: 'insurer-false-information' as const,
    policyholderType: 'individual' as const,
    eventDate: '2025-05-05',
    applicationDate: '2025-05-05',
  }
  it('ends on the day the insured received the notice; nothing is refunded, nothing is due', () => {
    const c = calc(falseInfo)
    expect(c).toMatchObject({
      outcome: 'terminated-no-refund',
      eligible: true,
      terminationDate: '2025-05-05',
      refundKopecks: 0,
      payoutDueDate: null,
      latePayout: null,
      needsApproval: false,
      formula: null,
    })
    expect(c.unverifiedRules).toContain('osago.grounds.insurer-false-information.refund')
    expect(refundFormulaLines(c, 'ru').map((l) => l.key)).toEqual([
      'termination.formula.terminationDate.event',
      'termination.noRefund.insurer-false-information',
      'termination.formula.noRefund',
      'termination.formula.rulesVersion',
    ])
  })
  it('refunds by the formula if a rules version says so', () => {
    const refunding = rulesWith((r) => {
      r.osago.grounds['insurer-false-information'].refund.value = 'osago-formula'
    })
    expect(calc(falseInfo, refunding)).toMatchObject({ outcome: 'refund', refundKopecks: 506_301 }) // 240 of 365 days × 0.77 = 506 301.3…
  })
})

describe('CASCO ends by loss not by an insured event (GK RF art. 958 p. 1)', () => {
  const loss = casco({ kind: 'casco-loss', eventDate: '2025-03-31' })
  it('refunds the premium pro rata to the unexpired time, less the expense share of the data (none)', () => {
    const c = calc(loss)
    expect(c).toMatchObject({
      outcome: 'refund',
      formula: 'casco-loss',
      terminationDate: '2025-03-31',
      share: '1',
      unexpiredDays: 275,
      refundKopecks: 753_425,
      payoutDueDate: '2025-04-24',
    })
    expect(c.unverifiedRules).toEqual(['cascoLoss.payoutDeadline'])
    reproduces(c)
    expect(refundFormulaLines(c, 'ru').map((l) => l.key)).toContain('termination.formula.cascoLoss.general')
  })
  it('stops without the date of loss, or with one after the application', () => {
    expect(() => calc({ ...loss, eventDate: null })).toThrow(TerminationInputError)
    expect(() => calc({ ...loss, eventDate: '2025-04-11' })).toThrow(
      expect.objectContaining({ messageKey: 'termination.error.eventAfterApplication' }),
    )
  })
})

describe('CASCO refused after the cooling-off (GK RF art. 958 p. 3)', () => {
  const refusal = casco({ kind: 'casco-refusal', eventDate: null, applicationDate: '2025-04-10' })
  it('ends on the filing date and refunds nothing: the data say the rules do not provide otherwise', () => {
    expect(calc(refusal)).toMatchObject({
      outcome: 'terminated-no-refund',
      terminationDate: '2025-04-10',
      refundKopecks: 0,
      payoutDueDate: null,
    })
  })
  it('refunds pro rata when a rules version provides it', () => {
    const refunding = rulesWith((r) => {
      r.cascoRefusal.refundRule.value = { method: 'pro-rata-unexpired-days', expenseShare: '0.3' }
    })
    const c = calc(refusal, refunding)
    // 10.04 ends it: 265 of 365 days × 0.7 = 508 219.1…
    expect(c).toMatchObject({
      outcome: 'refund',
      formula: 'casco-refusal',
      share: '0.7',
      unexpiredDays: 265,
      refundKopecks: 508_219,
    })
    reproduces(c)
  })
  it('inside the cooling-off window an individual refuses with a refund instead', () => {
    const early = {
      ...refusal,
      conclusionDate: '2025-03-31',
      contractStart: '2025-04-01',
      contractEnd: '2026-03-31',
      applicationDate: '2025-04-10',
    }
    expect(() => calc(early)).toThrow(
      expect.objectContaining({ field: 'kind', messageKey: 'termination.problem.coolingOffApplies' }),
    )
    // A legal entity has no cooling-off; an insured event takes it away.
    expect(calc({ ...early, policyholderType: 'legal' }).outcome).toBe('terminated-no-refund')
    expect(calc({ ...early, insuredEventOccurred: true }).outcome).toBe('terminated-no-refund')
  })
  it('after the term there is nothing to refuse', () => {
    expect(calc({ ...refusal, applicationDate: '2026-01-05' })).toMatchObject({
      outcome: 'not-eligible',
      reason: 'termination.reason.applicationAfterTermEnd',
    })
  })
})

describe('new ground properties', () => {
  const day = fc.integer({ min: 0, max: 364 }).map((d) => addDays('2025-01-01', d))
  it('CASCO loss: never negative, never above the premium, non-increasing in the date of loss, equal to the sale formula', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        day,
        fc.integer({ min: 0, max: 60 }),
        (premiumKopecks, eventDate, later) => {
          const at = (d: string) =>
            calc(casco({ kind: 'casco-loss', premiumKopecks, eventDate: d, applicationDate: '2025-12-31' }))
              .refundKopecks
          const a = at(eventDate)
          const b = at(addDays(eventDate, later) > '2025-12-31' ? '2025-12-31' : addDays(eventDate, later))
          expect(a).toBeGreaterThanOrEqual(0)
          expect(a).toBeLessThanOrEqual(premiumKopecks)
          expect(b).toBeLessThanOrEqual(a)
          // Loss on a day and a sale reported that same day leave the same unexpired time.
          expect(a).toBe(
            calc(
              casco({
                kind: 'casco-sale',
                cascoChoice: 'refund',
                premiumKopecks,
                eventDate: null,
                applicationDate: eventDate,
              }),
            ).refundKopecks,
          )
        },
      ),
    )
  })
  it('a refusal after the cooling-off refunds nothing on any day of the term; false information neither', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), day, (premiumKopecks, d) => {
        const r = calc(
          casco({
            kind: 'casco-refusal',
            premiumKopecks,
            eventDate: null,
            applicationDate: d,
            policyholderType: 'legal',
          }),
        )
        expect(r).toMatchObject({ outcome: 'terminated-no-refund', refundKopecks: 0, terminationDate: d })
        const f = calc({
          ground: 'insurer-false-information',
          policyholderType: 'individual',
          premiumKopecks,
          eventDate: d,
          applicationDate: d,
        })
        expect(f).toMatchObject({ outcome: 'terminated-no-refund', refundKopecks: 0 })
      }),
    )
  })
})
