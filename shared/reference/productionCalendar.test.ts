import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from '../dates/calendarDate'
import {
  ProductionCalendarError,
  createWorkingDayCalendar,
  productionCalendarFileSchema,
  type ProductionCalendar,
} from './productionCalendar'

const raw = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../resources/reference/production-calendar.json'), 'utf8'),
)
const data = productionCalendarFileSchema.parse(raw).data
const cal = createWorkingDayCalendar(data)

function days(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

// docs/domain/calendar-and-deadlines.md#d6, each non-working period with the working days that bound it.
const periods: Array<[string, string, string, string]> = [
  // [last working day before, first day off, last day off, first working day after]
  ['2024-12-28', '2025-01-01', '2025-01-08', '2025-01-09'],
  ['2025-02-21', '2025-02-22', '2025-02-23', '2025-02-24'],
  ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10'],
  ['2025-04-30', '2025-05-01', '2025-05-04', '2025-05-05'],
  ['2025-05-07', '2025-05-08', '2025-05-11', '2025-05-12'],
  ['2025-06-11', '2025-06-12', '2025-06-15', '2025-06-16'],
  ['2025-11-01', '2025-11-02', '2025-11-04', '2025-11-05'],
  ['2025-12-30', '2025-12-31', '2026-01-11', '2026-01-12'],
  ['2026-02-20', '2026-02-21', '2026-02-23', '2026-02-24'],
  ['2026-03-06', '2026-03-07', '2026-03-09', '2026-03-10'],
  ['2026-04-30', '2026-05-01', '2026-05-03', '2026-05-04'],
  ['2026-05-08', '2026-05-09', '2026-05-11', '2026-05-12'],
  ['2026-06-11', '2026-06-12', '2026-06-14', '2026-06-15'],
  ['2026-11-03', '2026-11-04', '2026-11-04', '2026-11-05'],
]

describe('production calendar 2025–2026 (docs/domain/calendar-and-deadlines.md#d6)', () => {
  it('lists 2025 and 2026 from their decrees and 2027 as the unverified Labour Code baseline', () => {
    expect(cal.coveredYears).toEqual([2025, 2026, 2027])
    expect([2025, 2026, 2027, 2028].map((y) => cal.basisOf(y))).toEqual([
      'decree',
      'decree',
      'unverified',
      'labour-code',
    ])
  })

  it.each(periods)('before %s works, %s – %s are off, %s works', (before, first, last, after) => {
    if (before >= '2025-01-01') expect(cal.isWorkingDay(before)).toBe(true)
    for (const d of days(first, last)) expect(cal.isWorkingDay(d), d).toBe(false)
    expect(cal.isWorkingDay(after)).toBe(true)
    expect(cal.nextWorkingDay(first)).toBe(after)
  })

  it('Saturday 1 Nov 2025 is a shortened working day and Monday 3 Nov a day off', () => {
    expect(isoWeekday('2025-11-01')).toBe(6)
    expect(cal.isWorkingDay('2025-11-01')).toBe(true)
    expect(cal.isShortenedDay('2025-11-01')).toBe(true)
    expect(cal.isWorkingDay('2025-11-03')).toBe(false)
    expect(cal.nextWorkingDay('2025-11-01')).toBe('2025-11-01')
  })

  it('transferred days off: 2 May, 8 May, 13 Jun, 31 Dec 2025; 9 Jan and 31 Dec 2026', () => {
    for (const d of ['2025-05-02', '2025-05-08', '2025-06-13', '2025-12-31', '2026-01-09', '2026-12-31']) {
      expect(isoWeekday(d), d).toBeLessThanOrEqual(5)
      expect(cal.isWorkingDay(d), d).toBe(false)
    }
    expect(cal.isWorkingDay('2026-12-30')).toBe(true)
  })

  it('marks the pre-holiday days as shortened', () => {
    for (const d of [
      '2025-03-07',
      '2025-04-30',
      '2025-06-11',
      '2026-04-30',
      '2026-05-08',
      '2026-06-11',
      '2026-11-03',
    ]) {
      expect(cal.isShortenedDay(d), d).toBe(true)
    }
    expect(cal.isShortenedDay('2025-03-06')).toBe(false)
  })

  it('counts 247 working days in 2025 and in 2026', () => {
    const count = (year: number) => days(`${year}-01-01`, `${year}-12-31`).filter((d) => cal.isWorkingDay(d)).length
    expect(count(2025)).toBe(247)
    expect(count(2026)).toBe(247)
  })

  it('adds working days across the New Year break', () => {
    // Cooling-off payout: 10 working days after an application received on Monday 22 Dec 2025.
    expect(cal.addWorkingDays('2025-12-22', 10)).toBe('2026-01-15')
    expect(cal.addWorkingDays('2025-05-07', 1)).toBe('2025-05-12')
    expect(cal.addWorkingDays('2025-05-03', 0)).toBe('2025-05-03')
    // docs/domain/calendar-and-deadlines.md#d5: the 14th day of a cooling-off from 01.12.2025 is Monday 15.12 — a
    // working day.
    expect(cal.nextWorkingDay(addDays('2025-12-01', 14))).toBe('2025-12-15')
  })

  it('answers for years no decree covers by the Labour Code rule, never by refusing', () => {
    // 2026-12-31 is a transferred day off; 1–8 January 2027 are holidays, Saturday 9 and Sunday 10 the weekend.
    expect(cal.nextWorkingDay('2026-12-31')).toBe('2027-01-11')
    expect(cal.addWorkingDays('2026-12-29', 2)).toBe('2027-01-11')
    expect(cal.isWorkingDay('2024-12-31')).toBe(true)
    expect(cal.addWorkingDays('2024-06-03', 0)).toBe('2024-06-03')
    expect(cal.basisOf(2024)).toBe('labour-code')
    expect(cal.addWorkingDays('2026-12-29', 1)).toBe('2026-12-30')
  })

  it('without a Labour Code rule (a file from before it existed) an unlisted year still stops with a clear error', () => {
    const { labourCode: _rule, ...old } = structuredClone(data)
    const e = thrown(() => createWorkingDayCalendar(old).isWorkingDay('2028-01-10')) as ProductionCalendarError
    expect(e).toBeInstanceOf(ProductionCalendarError)
    expect(e.key).toBe('reference.calendar.errors.yearNotCovered')
    expect(e.message).toMatch(/does not cover 2028/)
  })

  it('rejects invalid dates and counts', () => {
    expect((thrown(() => cal.isWorkingDay('2025-02-30')) as ProductionCalendarError).key).toBe(
      'reference.calendar.errors.invalidDate',
    )
    expect((thrown(() => cal.addWorkingDays('2025-03-03', -1)) as ProductionCalendarError).key).toBe(
      'reference.calendar.errors.invalidCount',
    )
    expect((thrown(() => cal.addWorkingDays('2025-03-03', 1.5)) as ProductionCalendarError).key).toBe(
      'reference.calendar.errors.invalidCount',
    )
  })
})

describe('working-day properties', () => {
  const start = toDayNumber('2025-01-01')
  const end = toDayNumber('2026-12-31')
  // Dates early enough that adding up to 60 working days stays inside 2026.
  const date = fc.integer({ min: start, max: toDayNumber('2026-09-30') }).map(fromDayNumber)
  const anyDate = fc.integer({ min: start, max: end }).map(fromDayNumber)

  it('an unlisted day is working exactly when it is Monday to Friday', () => {
    const listed = new Set(data.years.flatMap((y) => [...y.nonWorkingDays.value, ...y.workingWeekendDays.value]))
    fc.assert(fc.property(anyDate, (d) => listed.has(d) || cal.isWorkingDay(d) === isoWeekday(d) <= 5))
  })

  it('nextWorkingDay is the first working day on or after the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: start, max: toDayNumber('2026-12-30') }).map(fromDayNumber), (d) => {
        const next = cal.nextWorkingDay(d)
        return next >= d && cal.isWorkingDay(next) && days(d, addDays(next, -1)).every((x) => !cal.isWorkingDay(x))
      }),
    )
  })

  it('addWorkingDays lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const r = cal.addWorkingDays(d, n)
        return cal.isWorkingDay(r) && days(addDays(d, 1), r).filter((x) => cal.isWorkingDay(x)).length === n
      }),
    )
  })

  it('adding a then b working days equals adding a + b', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (d, a, b) => cal.addWorkingDays(cal.addWorkingDays(d, a), b) === cal.addWorkingDays(d, a + b),
      ),
    )
  })
})

describe('regional additions', () => {
  const withTatarstan: ProductionCalendar = {
    ...structuredClone(data),
    regional: [
      {
        regionCode: '16',
        year: 2025,
        source: 'test: a regional holiday',
        nonWorkingDays: { value: ['2025-03-31'], verified: false },
        workingWeekendDays: { value: [], verified: false },
        shortenedDays: { value: ['2025-03-28'], verified: false },
      },
    ],
  }
  it('apply only to the region asked for', () => {
    expect(createWorkingDayCalendar(withTatarstan, { regionCode: '16' }).isWorkingDay('2025-03-31')).toBe(false)
    expect(createWorkingDayCalendar(withTatarstan, { regionCode: '16' }).isShortenedDay('2025-03-28')).toBe(true)
    expect(createWorkingDayCalendar(withTatarstan).isWorkingDay('2025-03-31')).toBe(true)
    expect(createWorkingDayCalendar(withTatarstan, { regionCode: '02' }).isWorkingDay('2025-03-31')).toBe(true)
  })
  it('must fall in a year the federal calendar covers', () => {
    const bad = structuredClone(withTatarstan)
    bad.regional[0]!.year = 2028
    expect(productionCalendarFileSchema.safeParse({ ...raw, data: bad }).error?.issues[0]?.path).toEqual([
      'data',
      'regional',
      0,
      'year',
    ])
  })
})

describe('calendar schema checks', () => {
  function firstIssuePath(mutate: (d: ProductionCalendar) => void): string {
    const copy = structuredClone(raw)
    mutate(copy.data)
    const r = productionCalendarFileSchema.safeParse(copy)
    return r.success ? '(valid)' : r.error.issues[0]!.path.map(String).join('.')
  }
  it('accepts the bundled file', () => {
    expect(firstIssuePath(() => {})).toBe('(valid)')
  })
  it('checks the lists against the official totals', () => {
    expect(
      firstIssuePath((d) => {
        d.years[0]!.nonWorkingDays.value.pop()
      }),
    ).toBe('data.years.0.totals.workingDays.value')
  })
  it('rejects a date filed under the wrong year', () => {
    expect(
      firstIssuePath((d) => {
        d.years[1]!.shortenedDays.value.push('2025-12-30')
      }),
    ).toBe('data.years.1.shortenedDays.value.4')
  })
  it('rejects a transferred working day that is not a weekend day', () => {
    expect(
      firstIssuePath((d) => {
        d.years[0]!.workingWeekendDays.value.push('2025-11-05')
      }),
    ).toBe('data.years.0.workingWeekendDays.value.1')
  })
  it('rejects a shortened day that is not a working day', () => {
    expect(
      firstIssuePath((d) => {
        d.years[0]!.shortenedDays.value.push('2025-05-08')
      }),
    ).toBe('data.years.0.shortenedDays.value.4')
  })
  it('rejects a year given twice', () => {
    expect(
      firstIssuePath((d) => {
        d.years.push(structuredClone(d.years[0]!))
      }),
    ).toBe('data.years.3.year')
  })
})
