import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, daysInclusive } from '../dates/calendarDate'
import { calculateRefund, type RefundRequest } from './refund'
import { TerminationInputError } from './errors'
import type { UsePeriod } from './periodsOfUse'
import { calendar2025to2026 as calendar } from './testing/calendar2025to2026'
import { bundledRules as rules, rulesWith } from './testing/rules'
import { weekendCalendar } from './testing/weekendCalendar'

const YEAR_2025 = { contractStart: '2025-01-01', contractEnd: '2025-12-31' }

function osago(over: Partial<RefundRequest>): RefundRequest {
  return {
    kind: 'osago-early-termination',
    ground: 'owner-change',
    premiumKopecks: 1_000_000,
    ...YEAR_2025,
    applicationDate: '2025-03-31',
    ...over,
  }
}

function coolingOff(over: Partial<RefundRequest>): RefundRequest {
  return {
    kind: 'cooling-off',
    premiumKopecks: 1_000_000,
    conclusionDate: '2025-12-25',
    contractStart: '2026-01-01',
    contractEnd: '2026-12-31',
    applicationDate: '2026-01-05',
    ...over,
  }
}

const refund = (r: RefundRequest) => calculateRefund(r, rules, calendar)

function inputError(r: RefundRequest): { field: string; key: string } {
  try {
    refund(r)
  } catch (e) {
    if (e instanceof TerminationInputError) return { field: e.field, key: e.messageKey }
    throw e
  }
  throw new Error('expected a TerminationInputError')
}

describe('OSAGO refund: seed examples (004)', () => {
  it('10 000 ₽ paid, terminated after 3 of 12 months', () => {
    // The article works in months: 10 000 × 0.77 × 9/12 = 5 775 ₽. We count days: the contract 01.01–31.12.2025
    // ends on 31.03, leaving 275 of 365 days, and 275/365 is not 9/12 because January–March have 90 days, not a
    // quarter of 365 (91.25). The 1.25 extra days × 7 700 ₽ / 365 = 26.37 ₽, hence 5 801.37 ₽. A term from
    // 1 July has 92 days in its first three months and gives 5 759.18 ₽: the month figure lies between the two.
    const r = refund(osago({ applicationDate: '2025-03-31' }))
    expect(r).toMatchObject({ eligible: true, terminationDate: '2025-03-31', refundKopecks: 580_137 })
    expect(
      refund(osago({ contractStart: '2025-07-01', contractEnd: '2026-06-30', applicationDate: '2025-09-30' }))
        .refundKopecks,
    ).toBe(575_918)
  })

  it('3 000 ₽ paid, 120 of 365 days used → 1 550.55 ₽ with the exact formula', () => {
    // 01.01–30.04.2025 is 120 days, 245 remain: 300 000 × 0.77 × 245 / 365 = 155 054.79… → 155 055 kopecks.
    // The article rounds the daily rate first (2 310 / 365 = 6.3287 → 6.32 ₽) and gets 6.32 × 245 = 1 548.40 ₽.
    const r = refund(osago({ premiumKopecks: 300_000, applicationDate: '2025-04-30' }))
    expect(r.refundKopecks).toBe(155_055)
    expect(r.refundKopecks).not.toBe(154_840)
  })
})

describe('OSAGO refund: term edges', () => {
  it('terminated on the first day: every day but that one is unexpired', () => {
    expect(refund(osago({ applicationDate: '2025-01-01' })).refundKopecks).toBe(767_890) // × 0.77 × 364/365
  })
  it('terminated on the last day: eligible, nothing left to refund', () => {
    expect(refund(osago({ applicationDate: '2025-12-31' }))).toMatchObject({
      eligible: true,
      refundKopecks: 0,
      terminationDate: '2025-12-31',
      payoutDueDate: '2026-01-14',
    })
  })
  it('application after the term ends: not eligible on a ground that ends the contract on the application', () => {
    expect(refund(osago({ applicationDate: '2026-01-01' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.applicationAfterTermEnd',
      terminationDate: '2026-01-01',
      refundKopecks: 0,
      payoutDueDate: null,
      unverifiedRules: [],
    })
  })
  it('an event inside the term and an application after it: served, the contract ended on the event (heirs)', () => {
    const r = refund(osago({ ground: 'death', eventDate: '2025-12-01', applicationDate: '2026-01-12' }))
    // 02.12–31.12.2025 = 30 unexpired days: 1 000 000 × 0.77 × 30 / 365.
    expect(r).toMatchObject({
      eligible: true,
      terminationDate: '2025-12-01',
      refundKopecks: 63_288,
      payoutDueDate: '2026-01-26',
    })
    expect(r.detail.limitationEnd).toBe('2028-12-01')
    expect(r.unverifiedRules).toContain('limitationPeriod')
  })
  it('application before cover starts: the whole term is unexpired', () => {
    expect(refund(osago({ applicationDate: '2024-12-20' })).refundKopecks).toBe(770_000)
  })
  it('a term including 29 February counts 366 days', () => {
    // 01.06.2023–31.05.2024 has 366 days; ending 28.02.2024 leaves 29.02–31.05 = 93 days.
    const leap = (applicationDate: string) =>
      calculateRefund(
        osago({ contractStart: '2023-06-01', contractEnd: '2024-05-31', applicationDate }),
        rules,
        weekendCalendar,
      ).refundKopecks
    expect(leap('2024-02-28')).toBe(195_656)
    expect(leap('2024-02-29')).toBe(193_552) // 92/366
  })
})

describe('OSAGO refund: termination date by ground', () => {
  it.each(['owner-change', 'license-revoked', 'mobilisation'] as const)('%s ends on the application date', (ground) => {
    expect(refund(osago({ ground, eventDate: undefined, applicationDate: '2025-06-20' })).terminationDate).toBe(
      '2025-06-20',
    )
  })
  it.each(['death', 'vehicle-loss'] as const)('%s ends on the event date; the payout runs from receipt', (ground) => {
    const r = refund(osago({ ground, eventDate: '2025-05-10', applicationDate: '2025-06-20' }))
    expect(r.terminationDate).toBe('2025-05-10')
    expect(r.refundKopecks).toBe(refund(osago({ applicationDate: '2025-05-10' })).refundKopecks)
    expect(r.payoutDueDate).toBe('2025-07-04')
  })
  it('stops on input that cannot describe a termination', () => {
    expect(inputError(osago({ ground: undefined }))).toEqual({
      field: 'ground',
      key: 'termination.error.groundRequired',
    })
    expect(inputError(osago({ ground: 'death' }))).toEqual({
      field: 'eventDate',
      key: 'termination.error.eventDateRequired',
    })
    expect(inputError(osago({ ground: 'vehicle-loss', eventDate: '2025-04-01' })).key).toBe(
      'termination.error.eventAfterApplication',
    )
    expect(inputError(osago({ contractEnd: '2024-12-31' })).field).toBe('contractEnd')
    expect(inputError(osago({ premiumKopecks: 10.5 })).field).toBe('premiumKopecks')
    expect(inputError(osago({ applicationDate: '2025-02-30' })).key).toBe('termination.error.dateFormat')
    expect(inputError(osago({ conclusionDate: '2025-04-01' })).field).toBe('applicationDate')
  })
  it('reports the unverified rule values it used', () => {
    expect(refund(osago({})).unverifiedRules).toEqual(['osago.riskShare', 'osago.payoutDeadline'])
    expect(refund(osago({ ground: 'license-revoked' })).unverifiedRules).toEqual([
      'osago.grounds.license-revoked.terminationDate',
      'osago.riskShare',
      'osago.payoutDeadline',
    ])
  })
})

describe('OSAGO refund: periods of use', () => {
  // Paid periods 01.01–31.03 (90 days) and 01.06–31.08 (92 days): the premium bought 182 days of use.
  const periodsOfUse = [
    { from: '2025-01-01', to: '2025-03-31' },
    { from: '2025-06-01', to: '2025-08-31' },
  ]
  it('inside a period: the rest of it and all later periods', () => {
    // 15.02–31.03 = 45 days, plus 92 → 137/182.
    expect(refund(osago({ periodsOfUse, applicationDate: '2025-02-14' })).refundKopecks).toBe(579_615)
  })
  it('between periods: every later period in full', () => {
    expect(refund(osago({ periodsOfUse, applicationDate: '2025-04-15' })).refundKopecks).toBe(389_231) // 92/182
  })
  it('after the last period: nothing, though the term still runs', () => {
    expect(refund(osago({ periodsOfUse, applicationDate: '2025-10-01' }))).toMatchObject({
      eligible: true,
      refundKopecks: 0,
    })
  })
  it('one period covering the whole term is the plain formula', () => {
    expect(refund(osago({ periodsOfUse: [{ from: '2025-01-01', to: '2025-12-31' }] })).refundKopecks).toBe(580_137)
  })
  it('rejects periods that overlap, leave the term or are empty', () => {
    expect(
      inputError(
        osago({
          periodsOfUse: [
            { from: '2025-01-01', to: '2025-03-31' },
            { from: '2025-03-31', to: '2025-05-01' },
          ],
        }),
      ),
    ).toEqual({ field: 'periodsOfUse.1.from', key: 'termination.error.periodsOverlap' })
    expect(inputError(osago({ periodsOfUse: [{ from: '2024-12-01', to: '2025-03-31' }] })).key).toBe(
      'termination.error.periodOutsideTerm',
    )
    expect(inputError(osago({ periodsOfUse: [{ from: '2025-11-01', to: '2026-01-31' }] })).field).toBe(
      'periodsOfUse.0.to',
    )
    expect(inputError(osago({ periodsOfUse: [{ from: '2025-03-01', to: '2025-02-01' }] })).key).toBe(
      'termination.error.periodEndsBeforeStart',
    )
    expect(inputError(osago({ periodsOfUse: [] })).key).toBe('termination.error.periodsOfUseEmpty')
  })
})

describe('OSAGO payout due date', () => {
  it('stays on the 14th day, even on a holiday, if the data keep it there', () => {
    const keep = rulesWith((r) => {
      r.osago.payoutDeadline.value.lastDayNonWorking = 'keep'
    })
    expect(calculateRefund(osago({ applicationDate: '2025-12-20' }), keep, calendar).payoutDueDate).toBe('2026-01-03')
  })
  it('moves to the next working day under GK RF art. 193, as the bundled data say', () => {
    expect(rules.osago.payoutDeadline.value.lastDayNonWorking).toBe('next-working-day')
    const due = (applicationDate: string) => calculateRefund(osago({ applicationDate }), rules, calendar).payoutDueDate
    expect(due('2025-12-20')).toBe('2026-01-12') // 03.01 falls in the 31.12–11.01 break
    expect(due('2025-04-24')).toBe('2025-05-12') // 08.05 falls in 8–11 May
    expect(due('2025-06-02')).toBe('2025-06-16') // Monday stays Monday
  })
})

describe('cooling-off refund', () => {
  it('14th day on a holiday: conclusion 25.12.2025 → day 14 is 08.01.2026 → the window runs to 12.01.2026', () => {
    expect(refund(coolingOff({ applicationDate: '2026-01-12' }))).toMatchObject({
      eligible: true,
      terminationDate: '2026-01-12',
      refundKopecks: 967_123, // 12 days in force: 353/365
      payoutDueDate: '2026-01-26',
    })
    expect(refund(coolingOff({ applicationDate: '2026-01-13' }))).toMatchObject({
      eligible: false,
      reason: 'termination.reason.coolingOffWindowPassed',
      refundKopecks: 0,
      payoutDueDate: null,
    })
  })
  it('14th day on the May holidays: conclusion 24.04.2025 → 08.05 → window to 12.05.2025', () => {
    const r = refund(
      coolingOff({
        conclusionDate: '2025-04-24',
        contractStart: '2025-04-25',
        contractEnd: '2026-04-24',
        applicationDate: '2025-05-12',
      }),
    )
    // 25.04–12.05 = 18 days in force of 365.
    expect(r).toMatchObject({ eligible: true, refundKopecks: 950_685, payoutDueDate: '2025-05-26' })
  })
  it('14th day on 12 June and on 3 November 2025 moves past the whole break', () => {
    const june = coolingOff({ conclusionDate: '2025-05-29', contractStart: '2025-05-30', contractEnd: '2026-05-29' })
    expect(refund({ ...june, applicationDate: '2025-06-16' }).eligible).toBe(true)
    expect(refund({ ...june, applicationDate: '2025-06-17' }).eligible).toBe(false)
    const nov = coolingOff({ conclusionDate: '2025-10-20', contractStart: '2025-10-21', contractEnd: '2026-10-20' })
    expect(refund({ ...nov, applicationDate: '2025-11-05' }).eligible).toBe(true)
    expect(refund({ ...nov, applicationDate: '2025-11-06' }).eligible).toBe(false)
  })
  it('14th day on a working Monday: the window ends on it (docs/domain/calendar-and-deadlines.md#d5 example)', () => {
    const base = coolingOff({ conclusionDate: '2025-12-01', contractStart: '2025-12-02', contractEnd: '2026-12-01' })
    expect(refund({ ...base, applicationDate: '2025-12-15' }).eligible).toBe(true)
    expect(refund({ ...base, applicationDate: '2025-12-16' }).eligible).toBe(false)
  })
  it('the working Saturday 1 November 2025 counts as a working 14th day', () => {
    const base = coolingOff({ conclusionDate: '2025-10-18', contractStart: '2025-10-19', contractEnd: '2026-10-18' })
    expect(refund({ ...base, applicationDate: '2025-11-01' }).eligible).toBe(true)
    expect(refund({ ...base, applicationDate: '2025-11-05' }).eligible).toBe(false)
  })
  it('without the art. 193 rule in the data the window ends on the 14th day itself', () => {
    const strict = rulesWith((r) => {
      r.coolingOff.windowLastDayNonWorking.value = 'keep'
    })
    expect(calculateRefund(coolingOff({ applicationDate: '2026-01-09' }), strict, calendar).eligible).toBe(false)
  })
  it('before cover starts: the full premium, due 10 working days after receipt across the New Year break', () => {
    const r = refund(coolingOff({ conclusionDate: '2025-12-20', applicationDate: '2025-12-25' }))
    // Working days after 25.12: 26, 29, 30 December; then 12–16 and 19–20 January.
    expect(r).toMatchObject({ eligible: true, refundKopecks: 1_000_000, payoutDueDate: '2026-01-20' })
  })
  it('the start day itself counts as a day in force', () => {
    expect(refund(coolingOff({ applicationDate: '2026-01-01' })).refundKopecks).toBe(997_260) // 364/365
  })
  it('rounds only the final amount, half-up', () => {
    // 4-day term, 1 day in force: 10 × 3/4 = 7.5 → 8 (10 − round(2.5) would give 7).
    const r = refund(
      coolingOff({
        premiumKopecks: 10,
        conclusionDate: '2025-12-31',
        contractStart: '2026-01-01',
        contractEnd: '2026-01-04',
        applicationDate: '2026-01-01',
      }),
    )
    expect(r.refundKopecks).toBe(8)
  })
  it('stops on input meant for OSAGO', () => {
    expect(inputError(coolingOff({ conclusionDate: undefined })).field).toBe('conclusionDate')
    expect(inputError(coolingOff({ ground: 'death' })).field).toBe('ground')
    expect(inputError(coolingOff({ eventDate: '2026-01-02' })).field).toBe('eventDate')
    expect(inputError(coolingOff({ periodsOfUse: [{ from: '2026-01-01', to: '2026-03-31' }] })).field).toBe(
      'periodsOfUse',
    )
    expect(inputError(coolingOff({ applicationDate: '2025-12-24' })).key).toBe(
      'termination.error.applicationBeforeConclusion',
    )
  })
})

describe('refund properties', () => {
  const premium = fc.integer({ min: 0, max: 50_000_000 })
  const dayIn2025 = fc.integer({ min: 0, max: 364 }).map((d) => addDays('2025-01-01', d))

  it('OSAGO: never negative, never above the premium, non-increasing in the termination date', () => {
    fc.assert(
      fc.property(
        premium,
        dayIn2025,
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: -40, max: 400 }),
        fc.integer({ min: 0, max: 60 }),
        (premiumKopecks, contractStart, length, offset, later) => {
          const contractEnd = addDays(contractStart, length - 1)
          const at = (applicationDate: string) =>
            calculateRefund(
              osago({ premiumKopecks, contractStart, contractEnd, applicationDate }),
              rules,
              weekendCalendar,
            ).refundKopecks
          const a = at(addDays(contractStart, offset))
          const b = at(addDays(contractStart, offset + later))
          expect(a).toBeGreaterThanOrEqual(0)
          expect(a).toBeLessThanOrEqual(premiumKopecks)
          expect(b).toBeLessThanOrEqual(a)
        },
      ),
    )
  })

  it('OSAGO with periods of use: same bounds and monotonicity', () => {
    fc.assert(
      fc.property(
        premium,
        fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: -10, max: 380 }),
        fc.integer({ min: 0, max: 60 }),
        (premiumKopecks, cuts, offset, later) => {
          // Sorted distinct cut points pair up into non-overlapping periods inside 2025.
          const s = [...cuts].sort((x, y) => x - y)
          const periodsOfUse: UsePeriod[] = []
          for (let i = 0; i + 1 < s.length; i += 2) {
            periodsOfUse.push({ from: addDays('2025-01-01', s[i]!), to: addDays('2025-01-01', s[i + 1]!) })
          }
          const at = (applicationDate: string) =>
            refund(osago({ premiumKopecks, periodsOfUse, applicationDate })).refundKopecks
          const a = at(addDays('2025-01-01', offset))
          expect(a).toBeGreaterThanOrEqual(0)
          expect(a).toBeLessThanOrEqual(premiumKopecks)
          expect(at(addDays('2025-01-01', offset + later))).toBeLessThanOrEqual(a)
        },
      ),
    )
  })

  it('cooling-off: bounded by the premium, non-increasing in the termination date, full before cover', () => {
    fc.assert(
      fc.property(
        premium,
        dayIn2025,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        (premiumKopecks, conclusionDate, delay, length, offset, later) => {
          const contractStart = addDays(conclusionDate, delay)
          const base = coolingOff({
            premiumKopecks,
            conclusionDate,
            contractStart,
            contractEnd: addDays(contractStart, length - 1),
          })
          const a = refund({ ...base, applicationDate: addDays(conclusionDate, offset) })
          const b = refund({ ...base, applicationDate: addDays(conclusionDate, offset + later) })
          expect(a.refundKopecks).toBeGreaterThanOrEqual(0)
          expect(a.refundKopecks).toBeLessThanOrEqual(premiumKopecks)
          expect(b.refundKopecks).toBeLessThanOrEqual(a.refundKopecks)
          if (a.eligible && a.terminationDate < contractStart) expect(a.refundKopecks).toBe(premiumKopecks)
          if (a.eligible) expect(daysInclusive(a.terminationDate, a.payoutDueDate!)).toBeGreaterThanOrEqual(11)
        },
      ),
    )
  })
})
