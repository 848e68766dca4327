import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../dates/calendarDate'
import { calculateApplicationRefund, type ApplicationRefundRequest } from './applicationRefund'
import { deadlineDate } from './deadlines'
import { refundFormulaLines } from './formula'
import { calculateRefund, type RefundRequest } from './refund'
import { calendar2025to2026 as calendar } from './testing/calendar2025to2026'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'

/**
 * Issue 9 (f): a written application handed to the post before 24:00 of the last day is made in time (GK RF art. 194
 * p. 2), so a posted application is filed on its postmark date: the termination date and every window count from
 * it; the insurer's payout deadline counts from receipt by the bundled data (art. 194 p. 2 protects the applicant's
 * terms, not the insurer's).
 */
const osago = (over: Partial<RefundRequest>): RefundRequest => ({
  kind: 'osago-early-termination',
  ground: 'owner-change',
  premiumKopecks: 1_000_000,
  conclusionDate: '2024-12-20',
  contractStart: '2025-01-01',
  contractEnd: '2025-12-31',
  applicationDate: '2025-04-08',
  postmarkDate: '2025-03-31',
  ...over,
})
const coolingOff = (over: Partial<RefundRequest>): RefundRequest => ({
  kind: 'cooling-off',
  premiumKopecks: 1_000_000,
  conclusionDate: '2025-12-25',
  contractStart: '2026-01-01',
  contractEnd: '2026-12-31',
  applicationDate: '2026-01-16',
  postmarkDate: '2026-01-12',
  ...over,
})
const refund = (r: RefundRequest, ru = rules) => calculateRefund(r, ru, calendar)

describe('an application by post', () => {
  it('ends an OSAGO contract on the postmark date, not on the day the letter arrived', () => {
    const r = refund(osago({}))
    expect(r).toMatchObject({
      terminationDate: '2025-03-31',
      refundKopecks: 580_137,
      detail: { filedOn: '2025-03-31' },
    })
    expect(r.refundKopecks).toBe(
      refund(osago({ applicationDate: '2025-03-31', postmarkDate: undefined })).refundKopecks,
    )
  })
  it('posted on the last day of the cooling-off window is in time, though it arrives after it', () => {
    // Concluded 25.12.2025: the window runs to 12.01.2026 (day 14 fell in the holiday break). Posted 12.01, received 16.01.
    expect(refund(coolingOff({}))).toMatchObject({
      eligible: true,
      terminationDate: '2026-01-12',
      refundKopecks: 967_123,
    })
    expect(refund(coolingOff({ postmarkDate: undefined }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.coolingOffWindowPassed',
    })
    expect(refund(coolingOff({ postmarkDate: '2026-01-13' })).eligible).toBe(false)
  })
  it("counts the insurer's payout deadline from receipt by the bundled data (art. 194 p. 2 protects the applicant's terms only), from the postmark when HQ says so", () => {
    expect(refund(osago({}))).toMatchObject({
      payoutDueDate: '2025-04-22',
      detail: { payoutCountedFrom: '2025-04-08' },
    })
    expect(refund(osago({})).unverifiedRules).toContain('postedApplication')
    const fromPostmark = rulesWith((r) => {
      r.postedApplication.value.payoutDeadlineFrom = 'postmark-date'
    })
    expect(refund(osago({}), fromPostmark)).toMatchObject({
      payoutDueDate: '2025-04-14',
      detail: { payoutCountedFrom: '2025-03-31' },
    })
    // Cooling-off: 10 working days from the receipt 16.01.2026 → 30.01.2026 (from the postmark 12.01.2026 → 26.01.2026).
    expect(refund(coolingOff({})).payoutDueDate).toBe('2026-01-30')
    expect(refund(coolingOff({}), fromPostmark).payoutDueDate).toBe('2026-01-26')
  })
  it('cannot be posted after it was received, or before the contract was concluded', () => {
    expect(() => refund(osago({ postmarkDate: '2025-04-09' }))).toThrow(
      expect.objectContaining({ field: 'postmarkDate', messageKey: 'termination.error.postmarkAfterReceipt' }),
    )
    expect(() => refund(osago({ postmarkDate: '2024-12-19' }))).toThrow(
      expect.objectContaining({ field: 'postmarkDate', messageKey: 'termination.error.applicationBeforeConclusion' }),
    )
  })
  it('the stored calculation and its formula say it came by post and from when the deadline counts', () => {
    const request: ApplicationRefundRequest = {
      product: 'osago',
      kind: 'osago-early-termination',
      ground: 'owner-change',
      policyholderType: 'individual',
      premiumKopecks: 1_000_000,
      conclusionDate: '2024-12-20',
      contractStart: '2025-01-01',
      contractEnd: '2025-12-31',
      applicationDate: '2025-04-08',
      postmarkDate: '2025-03-31',
      eventDate: null,
      periodsOfUse: null,
      insuredEventOccurred: false,
      cascoChoice: null,
    }
    const c = calculateApplicationRefund(request, rules, bundledRulesFile.version, calendar)
    expect(c).toMatchObject({
      applicationDate: '2025-04-08',
      postmarkDate: '2025-03-31',
      filedOn: '2025-03-31',
      payoutCountedFrom: '2025-04-08',
    })
    const lines = refundFormulaLines(c, 'ru')
    expect(lines[0]).toEqual({
      key: 'termination.formula.posted',
      params: { postmark: '31.03.2025', received: '08.04.2025' },
    })
    expect(lines[1]!.key).toBe('termination.formula.terminationDate.posted')
    expect(lines.find((l) => l.key.startsWith('termination.formula.payoutDue'))!.params).toMatchObject({
      received: '08.04.2025',
      date: '22.04.2025',
    })
  })
})

describe('postmark properties', () => {
  it('a posted application ends and refunds as one handed in on the postmark date, whatever the delivery took; its payout counts from receipt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.constantFrom('owner-change', 'death', 'mobilisation') as fc.Arbitrary<
          'owner-change' | 'death' | 'mobilisation'
        >,
        (offset, delivery, premiumKopecks, ground) => {
          const postmarkDate = addDays('2025-01-01', offset)
          const eventDate = ground === 'death' ? addDays(postmarkDate, -3) : undefined
          const posted = refund(
            osago({
              ground,
              premiumKopecks,
              postmarkDate,
              applicationDate: addDays(postmarkDate, delivery),
              eventDate,
            }),
          )
          const inPerson = refund(
            osago({ ground, premiumKopecks, postmarkDate: undefined, applicationDate: postmarkDate, eventDate }),
          )
          expect(posted.eligible).toBe(inPerson.eligible)
          expect(posted.terminationDate).toBe(inPerson.terminationDate)
          expect(posted.refundKopecks).toBe(inPerson.refundKopecks)
          // The insurer's payout deadline is not the applicant's term: it counts from the day the letter arrived.
          if (posted.eligible)
            expect(posted.payoutDueDate).toBe(
              deadlineDate(addDays(postmarkDate, delivery), rules.osago.payoutDeadline.value, calendar),
            )
        },
      ),
    )
  })
})
