import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addYears } from '../dates/calendarDate'
import { calculateApplicationRefund, type ApplicationRefundRequest } from './applicationRefund'
import { refundFormulaLines } from './formula'
import { calculateRefund, type RefundRequest } from './refund'
import { bundledRules as rules, bundledRulesFile, rulesWith } from './testing/rules'
import { weekendCalendar as calendar } from './testing/weekendCalendar'

/**
 * Issue 9 (a): death and loss not by an insured event end the contract on the event's date, inside the term, so an
 * application after the term — heirs wait about six months for the inheritance papers — is still served, within
 * the limitation period counted from the termination date (3 years, data; GK RF arts. 196, 200).
 */
const term = {
  premiumKopecks: 1_200_000,
  conclusionDate: '2024-12-20',
  contractStart: '2025-01-01',
  contractEnd: '2025-12-31',
}
const osago = (over: Partial<RefundRequest>): RefundRequest => ({
  kind: 'osago-early-termination',
  ground: 'death',
  ...term,
  eventDate: '2025-09-15',
  applicationDate: '2026-03-16',
  ...over,
})
const refund = (r: RefundRequest, ru = rules) => calculateRefund(r, ru, calendar)

describe('an application after the term on an event ground', () => {
  it('death on 15.09.2025, heirs apply on 16.03.2026: refunded as if on the day of death, payout from receipt', () => {
    const r = refund(osago({}))
    // 16.09–31.12.2025 = 107 unexpired days: 1 200 000 × 0.77 × 107 / 365 = 270 871.2… kopecks.
    expect(r).toMatchObject({
      eligible: true,
      terminationDate: '2025-09-15',
      refundKopecks: 270_871,
      payoutDueDate: '2026-03-30',
    })
    expect(r.refundKopecks).toBe(refund(osago({ applicationDate: '2025-09-16' })).refundKopecks)
    expect(r.detail).toMatchObject({ terminationDateRule: 'event-date', limitationEnd: '2028-09-15' })
    expect(r.unverifiedRules).toContain('limitationPeriod')
  })
  it.each([
    ['death', 'death'],
    ['vehicle-loss', 'vehicle-loss'],
  ] as const)('%s: the same for the loss of the vehicle not by an insured event', (_, ground) => {
    expect(refund(osago({ ground })).eligible).toBe(true)
  })
  it('a ground that ends the contract on the application has nothing left after the term', () => {
    for (const ground of ['owner-change', 'license-revoked', 'mobilisation'] as const) {
      expect(refund(osago({ ground, eventDate: undefined })).reason, ground).toBe(
        'termination.reason.applicationAfterTermEnd',
      )
    }
  })
  it('an event after the term ended is not a termination: the contract had expired', () => {
    expect(refund(osago({ eventDate: '2026-01-10', applicationDate: '2026-02-01' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.eventAfterTermEnd',
      refundKopecks: 0,
      payoutDueDate: null,
    })
  })
  it('served up to the last day of the limitation period, not after it', () => {
    expect(refund(osago({ applicationDate: '2028-09-15' })).eligible).toBe(true) // a Friday
    expect(refund(osago({ applicationDate: '2028-09-18' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.limitationExpired',
      detail: { limitationEnd: '2028-09-15' },
    })
  })
  it('a last day on a weekend moves to the next working day (GK RF art. 193), unless the data keep it', () => {
    // Death on 16.09.2025: three years end on 16.09.2028, a Saturday, so the last day is Monday 18.09.2028.
    const satEnd = osago({
      eventDate: '2025-09-16',
      contractStart: '2024-10-01',
      contractEnd: '2025-09-30',
      conclusionDate: '2024-09-20',
    })
    expect(addYears('2025-09-16', 3)).toBe('2028-09-16')
    expect(refund({ ...satEnd, applicationDate: '2028-09-18' })).toMatchObject({
      eligible: true,
      detail: { limitationEnd: '2028-09-18' },
    })
    expect(refund({ ...satEnd, applicationDate: '2028-09-19' }).reason).toBe('termination.reason.limitationExpired')
    const keep = rulesWith((x) => {
      x.limitationPeriod.value.lastDayNonWorking = 'keep'
    })
    expect(refund({ ...satEnd, applicationDate: '2028-09-18' }, keep).reason).toBe(
      'termination.reason.limitationExpired',
    )
  })
  it('the period is data: a rules version with 1 year ends it sooner', () => {
    const oneYear = rulesWith((x) => {
      x.limitationPeriod.value.years = 1
    })
    expect(refund(osago({ applicationDate: '2026-09-15' }), oneYear).eligible).toBe(true)
    expect(refund(osago({ applicationDate: '2026-09-16' }), oneYear).reason).toBe(
      'termination.reason.limitationExpired',
    )
  })
  it('CASCO lost not by an insured event: the same, by GK RF art. 958 p. 1', () => {
    const r = calculateRefund(
      { kind: 'casco-loss', ...term, eventDate: '2025-09-15', applicationDate: '2026-03-16' },
      rules,
      calendar,
    )
    // 107 of 365 days, no expense share kept: 1 200 000 × 107 / 365 = 351 780.8…
    expect(r).toMatchObject({
      eligible: true,
      terminationDate: '2025-09-15',
      refundKopecks: 351_781,
      detail: { limitationEnd: '2028-09-15' },
    })
  })
})

describe('heirs at the counter (application refund)', () => {
  const heir: ApplicationRefundRequest = {
    product: 'osago',
    kind: 'osago-early-termination',
    ground: 'death',
    policyholderType: 'individual',
    ...term,
    applicationDate: '2026-03-16',
    eventDate: '2025-09-15',
    periodsOfUse: null,
    insuredEventOccurred: false,
    cascoChoice: null,
  }
  it('stores a refund with the limitation period it was served in', () => {
    const c = calculateApplicationRefund(heir, rules, bundledRulesFile.version, calendar)
    expect(c).toMatchObject({
      outcome: 'refund',
      eligible: true,
      terminationDate: '2025-09-15',
      terminationDateRule: 'event-date',
      unexpiredDays: 107,
      limitationEnd: '2028-09-15',
      refundKopecks: 270_871,
      payoutDueDate: '2026-03-30',
    })
    expect(refundFormulaLines(c, 'ru')[1]).toEqual({
      key: 'termination.formula.afterTerm',
      params: { date: '15.09.2025', end: '15.09.2028' },
    })
  })
  it('past the limitation period the formula says when it ran out', () => {
    const c = calculateApplicationRefund(
      { ...heir, applicationDate: '2028-09-19' },
      rules,
      bundledRulesFile.version,
      calendar,
    )
    expect(c).toMatchObject({
      outcome: 'not-eligible',
      reason: 'termination.reason.limitationExpired',
      refundKopecks: 0,
    })
    expect(refundFormulaLines(c, 'ru').map((l) => l.key)).toEqual([
      'termination.formula.terminationDate.event',
      'termination.formula.limitationEnded',
      'termination.formula.nothingDue',
      'termination.formula.rulesVersion',
    ])
  })
})

describe('after-term properties', () => {
  const inTerm = fc.integer({ min: 0, max: 364 }).map((d) => addDays('2025-01-01', d))
  it('on an event ground the refund does not depend on when, within the limitation period, the application comes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('death', 'vehicle-loss') as fc.Arbitrary<'death' | 'vehicle-loss'>,
        inTerm,
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        (ground, eventDate, wait, premiumKopecks) => {
          const applicationDate = addDays(eventDate, wait)
          const r = refund(osago({ ground, eventDate, applicationDate, premiumKopecks }))
          const onTheDay = refund(osago({ ground, eventDate, applicationDate: eventDate, premiumKopecks }))
          const withinLimitation = applicationDate <= addYears(eventDate, 3)
          if (withinLimitation) {
            expect(r.eligible).toBe(true)
            expect(r.refundKopecks).toBe(onTheDay.refundKopecks)
            expect(r.terminationDate).toBe(eventDate)
          }
          if (applicationDate > calendar.nextWorkingDay(addYears(eventDate, 3)))
            expect(r.reason).toBe('termination.reason.limitationExpired')
        },
      ),
    )
  })
  it('on a ground that ends on the application nothing is refunded after the term, whenever the application comes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('owner-change', 'license-revoked', 'mobilisation') as fc.Arbitrary<'owner-change'>,
        fc.integer({ min: 1, max: 2000 }),
        (ground, after) => {
          const r = refund(osago({ ground, eventDate: undefined, applicationDate: addDays('2025-12-31', after) }))
          expect(r).toMatchObject({
            eligible: false,
            refundKopecks: 0,
            reason: 'termination.reason.applicationAfterTermEnd',
          })
        },
      ),
    )
  })
})
