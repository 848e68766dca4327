import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { refundFormulaLines } from './formula'
import { calculateApplicationRefund, type ApplicationRefundRequest } from './applicationRefund'
import { calculateRefund, type RefundRequest } from './refund'
import { calendar2025to2026 as calendar } from './testing/calendar2025to2026'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'

/**
 * Issue 9 (e): the cooling-off refusal ends the contract on the day the application is filed, or on a later day the
 * client asks for, inside the window (3854-U: another date agreed by the parties, not later than the window).
 */
const base = (over: Partial<RefundRequest>): RefundRequest => ({
  kind: 'cooling-off',
  premiumKopecks: 1_000_000,
  conclusionDate: '2025-12-25',
  contractStart: '2026-01-01',
  contractEnd: '2026-12-31',
  applicationDate: '2026-01-05',
  ...over,
})
const refund = (r: RefundRequest, ru = rules) => calculateRefund(r, ru, calendar)

describe('cooling-off on a later date the client asks for', () => {
  it('ends on the asked date: more days in force, a smaller refund; the payout still runs from receipt', () => {
    const r = refund(base({ requestedTerminationDate: '2026-01-10' }))
    // In force 01.01–10.01 = 10 days: 1 000 000 × 355 / 365.
    expect(r).toMatchObject({
      eligible: true,
      terminationDate: '2026-01-10',
      refundKopecks: 972_603,
      payoutDueDate: '2026-01-23',
      detail: { terminationDateRule: 'requested-date', daysInForce: 10 },
    })
    expect(r.refundKopecks).toBeLessThan(refund(base({})).refundKopecks)
    expect(r.payoutDueDate).toBe(refund(base({})).payoutDueDate)
  })
  it('the asked date may be the last day of the window, not later, and not before the filing', () => {
    expect(refund(base({ requestedTerminationDate: '2026-01-12' })).terminationDate).toBe('2026-01-12')
    expect(() => refund(base({ requestedTerminationDate: '2026-01-13' }))).toThrow(
      expect.objectContaining({
        field: 'requestedTerminationDate',
        messageKey: 'termination.error.requestedDateAfterWindow',
      }),
    )
    expect(() => refund(base({ requestedTerminationDate: '2026-01-04' }))).toThrow(
      expect.objectContaining({
        field: 'requestedTerminationDate',
        messageKey: 'termination.error.requestedDateBeforeFiling',
      }),
    )
  })
  it('the same day as the filing is the ordinary rule', () => {
    expect(refund(base({ requestedTerminationDate: '2026-01-05' })).detail.terminationDateRule).toBe('application-date')
  })
  it('only on a cooling-off refusal, and only while the data allow it', () => {
    expect(() =>
      refund({
        ...base({}),
        kind: 'osago-early-termination',
        ground: 'owner-change',
        requestedTerminationDate: '2026-01-10',
      }),
    ).toThrow(expect.objectContaining({ messageKey: 'termination.error.requestedDateNotApplicable' }))
    const notAllowed = rulesWith((r) => {
      r.coolingOff.laterDateOnRequest.value = false
    })
    expect(() => refund(base({ requestedTerminationDate: '2026-01-10' }), notAllowed)).toThrow(
      expect.objectContaining({ messageKey: 'termination.error.requestedDateNotAllowed' }),
    )
  })
  it('before cover starts, an asked date still before it refunds everything', () => {
    expect(
      refund(
        base({ conclusionDate: '2025-12-20', applicationDate: '2025-12-22', requestedTerminationDate: '2025-12-30' }),
      ),
    ).toMatchObject({ refundKopecks: 1_000_000, detail: { formula: 'cooling-off-before-cover' } })
  })
  it('the formula names the date the client asked for', () => {
    const request: ApplicationRefundRequest = {
      product: 'casco',
      kind: 'cooling-off',
      ground: null,
      policyholderType: 'individual',
      premiumKopecks: 1_000_000,
      conclusionDate: '2025-12-25',
      contractStart: '2026-01-01',
      contractEnd: '2026-12-31',
      applicationDate: '2026-01-05',
      eventDate: null,
      periodsOfUse: null,
      insuredEventOccurred: false,
      cascoChoice: null,
      requestedTerminationDate: '2026-01-10',
    }
    const c = calculateApplicationRefund(request, rules, bundledRulesFile.version, calendar)
    expect(c).toMatchObject({
      terminationDate: '2026-01-10',
      terminationDateRule: 'requested-date',
      requestedTerminationDate: '2026-01-10',
    })
    expect(refundFormulaLines(c, 'ru').map((l) => l.key)).toContain('termination.formula.terminationDate.requested')
  })
})

describe('requested date properties', () => {
  it('a later asked date never refunds more, and refunds what a filing on that date would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 18 }),
        fc.integer({ min: 0, max: 18 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        (filed, asked, premiumKopecks) => {
          const applicationDate = addDays('2025-12-25', Math.min(filed, 18))
          const requestedTerminationDate = addDays(applicationDate, asked)
          if (requestedTerminationDate > '2026-01-12') return
          const r = refund(base({ premiumKopecks, applicationDate, requestedTerminationDate }))
          const plain = refund(base({ premiumKopecks, applicationDate }))
          const onThatDay = refund(base({ premiumKopecks, applicationDate: requestedTerminationDate }))
          expect(r.refundKopecks).toBeLessThanOrEqual(plain.refundKopecks)
          expect(r.refundKopecks).toBe(onThatDay.refundKopecks)
          expect(r.payoutDueDate).toBe(plain.payoutDueDate)
        },
      ),
    )
  })
})
