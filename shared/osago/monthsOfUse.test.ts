import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths } from '../dates/calendarDate'
import { countMonthsOfUse, monthsInPeriod, periodRulesFor, termEnd } from './monthsOfUse'
import { tariff7204 } from './testFixtures'

const rules = { startDate: '2025-01-15', maxPeriods: 3, minTotalMonths: 3 }

describe('months of use', () => {
  it('counts N months from day D to the day before D + N months', () => {
    for (let n = 1; n <= 12; n += 1) {
      expect(monthsInPeriod({ from: '2025-01-15', to: addDays(addMonths('2025-01-15', n), -1) })).toBe(n)
    }
  })
  it('counts any extra day as one more month', () => {
    for (let n = 2; n <= 10; n += 1) {
      expect(monthsInPeriod({ from: '2025-01-15', to: addMonths('2025-01-15', n) })).toBe(n + 1)
    }
    expect(monthsInPeriod({ from: '2025-03-01', to: '2025-03-01' })).toBe(1)
    expect(monthsInPeriod({ from: '2025-03-01', to: '2025-03-31' })).toBe(1)
    expect(monthsInPeriod({ from: '2025-03-01', to: '2025-04-01' })).toBe(2)
  })
  it('clamps at the end of a short month', () => {
    // 31.01 + 1 month is 28.02, so one month runs 31.01–27.02 and 28.02 is an extra day.
    expect(monthsInPeriod({ from: '2025-01-31', to: '2025-02-27' })).toBe(1)
    expect(monthsInPeriod({ from: '2025-01-31', to: '2025-02-28' })).toBe(2)
  })
  it('never counts fewer months than whole months elapsed nor more than one extra', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 }), fc.integer({ min: 0, max: 370 }), (offset, length) => {
        const from = addDays('2024-01-01', offset)
        const to = addDays(from, length)
        const n = monthsInPeriod({ from, to })
        // The period covers at least n − 1 whole months and fewer than n + 1.
        return addMonths(from, n - 1) <= addDays(to, 1) && addMonths(from, n) > to
      }),
    )
  })

  it('adds up several periods', () => {
    const res = countMonthsOfUse(
      [
        { from: '2025-01-15', to: '2025-03-14' },
        { from: '2025-06-01', to: '2025-07-31' },
      ],
      rules,
    )
    expect(res).toEqual({ ok: true, months: 4 })
  })
  it('rejects more periods than allowed', () => {
    const p = (m: string) => ({ from: `2025-${m}-01`, to: `2025-${m}-10` })
    expect(countMonthsOfUse([p('02'), p('04'), p('06'), p('08')], rules)).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse', messageKey: 'osago.errors.periodsTooMany', params: { max: 3 } },
    })
  })
  it('rejects a period that ends before it starts', () => {
    expect(countMonthsOfUse([{ from: '2025-05-01', to: '2025-04-30' }], rules)).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse[0].to', messageKey: 'osago.errors.periodEndsBeforeStart' },
    })
  })
  it('keeps periods inside the one-year term', () => {
    expect(termEnd('2025-01-15')).toBe('2026-01-14')
    expect(termEnd('2024-02-29')).toBe('2025-02-27')
    expect(countMonthsOfUse([{ from: '2025-01-14', to: '2025-05-01' }], rules)).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse[0]', messageKey: 'osago.errors.periodOutsideTerm' },
    })
    expect(countMonthsOfUse([{ from: '2025-10-15', to: '2026-01-15' }], rules)).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse[0]', params: { termEnd: '2026-01-14' } },
    })
    expect(countMonthsOfUse([{ from: '2025-10-15', to: '2026-01-14' }], rules)).toEqual({ ok: true, months: 3 })
  })
  it('rejects overlapping periods, naming the later one', () => {
    expect(
      countMonthsOfUse(
        [
          { from: '2025-06-01', to: '2025-08-31' },
          { from: '2025-02-01', to: '2025-06-01' },
        ],
        rules,
      ),
    ).toMatchObject({
      ok: false,
      error: { field: 'periodsOfUse[0].from', messageKey: 'osago.errors.periodsOverlap', params: { other: 2 } },
    })
  })
  it('requires the minimum total of the periods given; no periods is the whole term', () => {
    const short = [{ from: '2025-02-01', to: '2025-03-31' }]
    expect(countMonthsOfUse(short, rules)).toMatchObject({
      ok: false,
      error: { messageKey: 'osago.errors.periodsTooShort', params: { min: 3, months: 2 } },
    })
    expect(countMonthsOfUse(short, { ...rules, minTotalMonths: 2 })).toEqual({ ok: true, months: 2 })
    expect(countMonthsOfUse([], rules)).toEqual({ ok: true, months: 0 })
  })
})

describe('period rules by owner type (ks.minTotalMonths)', () => {
  const ks = tariff7204.data.ks
  it('takes each owner type’s minimum from the tariff: 3 months for a citizen, none sold to a legal entity', () => {
    expect(periodRulesFor(ks, 'individual', '2026-01-10')).toEqual({
      startDate: '2026-01-10',
      maxPeriods: 3,
      minTotalMonths: 3,
    })
    expect(periodRulesFor(ks, 'legal', '2026-01-10').minTotalMonths).toBeNull()
  })
  it('refuses any period where none are sold, and accepts the whole term without periods', () => {
    const none = periodRulesFor(ks, 'legal', '2026-01-10')
    expect(countMonthsOfUse([{ from: '2026-01-10', to: '2027-01-09' }], none)).toEqual({
      ok: false,
      error: expect.objectContaining({ field: 'periodsOfUse', messageKey: 'osago.errors.periodsNotForLegalEntity' }),
    })
    expect(countMonthsOfUse([], none)).toEqual({ ok: true, months: 0 })
  })
})
