import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from '../dates/calendarDate'
import {
  createWorkingDayCalendar,
  mergeProductionCalendars,
  productionCalendarFileSchema,
  type ProductionCalendar,
  type ProductionCalendarFile,
} from './productionCalendar'
import { labourCodeRuleSchema, labourCodeYear, type LabourCodeRule } from './productionCalendarBaseline'
import { calendarStatus, unconfirmedYears } from './productionCalendarStatus'

const raw = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../resources/reference/production-calendar.json'), 'utf8'),
)
const file = productionCalendarFileSchema.parse(raw)
const data = file.data
const rule = data.labourCode!
const official = createWorkingDayCalendar(data)

/** The Labour Code rule alone, for every year: a calendar with no year listed. */
const onlyRule: ProductionCalendar = { weekendIsoDays: [6, 7], years: [], regional: [], labourCode: rule }
const byRule = createWorkingDayCalendar(onlyRule)

function daysOf(year: number): string[] {
  const out: string[] = []
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) out.push(d)
  return out
}

/**
 * Days on which the decrees depart from the Labour Code rule (art. 112 p. 5 transfers), with why. Every other day
 * of 2025 and 2026 is a working day, a day off and a shortened day exactly as the rule says.
 */
const MOVED_BY_DECREE: Record<number, Record<string, string>> = {
  2025: {
    '2025-02-24': 'by the rule the day off for Sunday 23 Feb; Decree 1335 moved it to 8 May — a working day',
    '2025-03-10': 'by the rule the day off for Saturday 8 Mar; Decree 1335 moved it to 13 Jun — a working day',
    '2025-05-02': 'day off moved by Decree 1335 from Saturday 4 Jan',
    '2025-05-08':
      'day off moved by Decree 1335 from Sunday 23 Feb (the rule has a shortened working day, before 9 May)',
    '2025-06-13': 'day off moved by Decree 1335 from Saturday 8 Mar',
    '2025-11-01': 'Saturday made a working (shortened) day by Decree 1335',
    '2025-11-03':
      'day off given by Decree 1335 for Saturday 1 Nov (the rule has a shortened working day, before 4 Nov)',
    '2025-12-31': 'day off moved by Decree 1335 from Sunday 5 Jan (the rule has a shortened working day, before 1 Jan)',
  },
  2026: {
    '2026-01-09': 'day off moved by Decree 1466 from Saturday 3 Jan',
    '2026-12-31': 'day off moved by Decree 1466 from Sunday 4 Jan (the rule has a shortened working day, before 1 Jan)',
  },
}

describe('the Labour Code rule against the official calendars (TK RF art. 112, art. 95)', () => {
  it.each([2025, 2026])('reproduces every day of %i except the days the decree moved', (year) => {
    const moved = MOVED_BY_DECREE[year]!
    const differ = daysOf(year).filter(
      (d) =>
        official.isWorkingDay(d) !== byRule.isWorkingDay(d) || official.isShortenedDay(d) !== byRule.isShortenedDay(d),
    )
    expect(differ).toEqual(Object.keys(moved).sort())
  })

  it('the decree-moved days of 2025 and 2026 are the transfers docs/domain/calendar-and-deadlines.md#d6 names', () => {
    // The rule has no transferred days off and no working weekend days; the decrees have these.
    expect(Object.keys(MOVED_BY_DECREE[2025]!).filter((d) => !official.isWorkingDay(d))).toEqual([
      '2025-05-02',
      '2025-05-08',
      '2025-06-13',
      '2025-11-03',
      '2025-12-31',
    ])
    expect(Object.keys(MOVED_BY_DECREE[2026]!).filter((d) => !official.isWorkingDay(d))).toEqual([
      '2026-01-09',
      '2026-12-31',
    ])
  })

  it('the shipped 2027 baseline is exactly what the rule gives', () => {
    const y2027 = data.years.find((y) => y.year === 2027)!
    const computed = labourCodeYear(2027, rule, data.weekendIsoDays)
    expect([...y2027.nonWorkingDays.value].sort()).toEqual(computed.nonWorkingDays)
    expect(y2027.workingWeekendDays.value).toEqual(computed.workingWeekendDays)
    expect([...y2027.shortenedDays.value].sort()).toEqual(computed.shortenedDays)
    expect([y2027.nonWorkingDays.verified, y2027.workingWeekendDays.verified, y2027.shortenedDays.verified]).toEqual([
      false,
      false,
      false,
    ])
  })

  it('moves a holiday off the weekend to the next working day, but not the January ones', () => {
    // 2027: 1 May and 12 June are Saturdays, 9 May a Sunday; 2–3 January a weekend inside the holidays.
    for (const d of ['2027-05-03', '2027-05-10', '2027-06-14']) expect(official.isWorkingDay(d), d).toBe(false)
    expect(official.isWorkingDay('2027-01-11')).toBe(true)
    expect(official.nextWorkingDay('2027-01-01')).toBe('2027-01-11')
    expect(official.isWorkingDay('2027-05-04')).toBe(true)
    // 2028: 23 February is a Wednesday, 8 March a Wednesday; 4 November a Saturday → Monday 6 November.
    expect(official.isWorkingDay('2028-11-06')).toBe(false)
    expect(official.basisOf(2028)).toBe('labour-code')
  })

  it('a shifted day off skips a holiday that follows it', () => {
    const close: LabourCodeRule = {
      holidays: { value: ['05-01', '05-03'], verified: true },
      weekendShiftExceptions: { value: [], verified: true },
    }
    // 2027: 1 May is a Saturday; Monday 3 May is itself a holiday, so the day off for 1 May moves to 4 May.
    expect(labourCodeYear(2027, close, [6, 7]).nonWorkingDays).toEqual(['2027-05-01', '2027-05-03', '2027-05-04'])
  })

  it('checks the rule data', () => {
    const bad = (r: unknown) => labourCodeRuleSchema.safeParse(r).error?.issues[0]?.path.join('.')
    expect(bad(rule)).toBeUndefined()
    expect(bad({ ...rule, weekendShiftExceptions: { value: ['12-25'], verified: true } })).toBe(
      'weekendShiftExceptions.value.0',
    )
    expect(bad({ ...rule, holidays: { value: ['02-30'], verified: true } })).toBe('holidays.value.0')
    expect(bad({ ...rule, holidays: { value: ['1-1'], verified: true } })).toBe('holidays.value.0')
    expect(bad({ ...rule, holidays: { value: ['01-01', '01-01'], verified: true } })).toBe('holidays.value')
  })
})

describe('working-day properties, 2020–2040', () => {
  const anyDate = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2040-12-31') }).map(fromDayNumber)
  const holidays = new Set(rule.holidays.value)
  const workingWeekends = new Set(data.years.flatMap((y) => y.workingWeekendDays.value))

  it('any date resolves without throwing', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 40 }), (d, n) => {
        official.isWorkingDay(d)
        official.isShortenedDay(d)
        official.nextWorkingDay(d)
        official.addWorkingDays(d, n)
        official.basisOf(Number(d.slice(0, 4)))
      }),
      { numRuns: 2000 },
    )
  })

  it('a working day is never a holiday, nor a weekend day unless a decree made it a working day', () => {
    fc.assert(
      fc.property(
        anyDate,
        (d) =>
          !official.isWorkingDay(d) || (!holidays.has(d.slice(5)) && (isoWeekday(d) <= 5 || workingWeekends.has(d))),
      ),
      { numRuns: 5000 },
    )
  })

  it('nextWorkingDay is on or after the date, a working day, and idempotent', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const next = official.nextWorkingDay(d)
        return (
          next >= d &&
          official.isWorkingDay(next) &&
          official.nextWorkingDay(next) === next &&
          (next === d || !official.isWorkingDay(addDays(next, -1)) || addDays(next, -1) < d)
        )
      }),
      { numRuns: 3000 },
    )
  })

  it('addWorkingDays lands on a working day with exactly n working days after the start, across years', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = official.addWorkingDays(d, n)
        let count = 0
        for (let x = addDays(d, 1); x <= r; x = addDays(x, 1)) if (official.isWorkingDay(x)) count++
        return official.isWorkingDay(r) && count === n
      }),
      { numRuns: 500 },
    )
  })
})

describe('one calendar from several versions', () => {
  const v = (
    version: string,
    effectiveFrom: string,
    mutate: (d: ProductionCalendar) => void = () => {},
  ): ProductionCalendarFile => {
    const copy = structuredClone(file)
    mutate(copy.data)
    return { ...copy, version, effectiveFrom }
  }
  const decree2027 = (d: ProductionCalendar) => {
    const y = d.years.find((x) => x.year === 2027)!
    // What a decree typically adds: a January weekend day moved to 31 December.
    y.nonWorkingDays = { value: [...y.nonWorkingDays.value, '2027-12-31'], verified: true }
    y.workingWeekendDays = { value: [], verified: true }
    y.shortenedDays = { value: y.shortenedDays.value.filter((x) => x !== '2027-12-31'), verified: true }
    y.decree = 'Government Decree (test)'
  }

  it('HQ’s decree replaces the unverified baseline whatever date HQ gives its file', () => {
    for (const from of ['2024-06-01', '2026-10-01', '2027-01-01']) {
      const merged = mergeProductionCalendars([
        file,
        v('hq-2027', from, (d) => {
          decree2027(d)
          d.years = d.years.filter((y) => y.year === 2027)
        }),
      ])
      const cal = createWorkingDayCalendar(merged)
      expect(cal.isWorkingDay('2027-12-31'), from).toBe(false)
      expect(cal.basisOf(2027), from).toBe('decree')
      expect(cal.basisOf(2026), from).toBe('decree')
      expect(cal.isWorkingDay('2026-12-31'), from).toBe(false) // still from the bundled decree of 2026
      expect(calendarStatus(merged).confirmedYears).toEqual([2025, 2026, 2027])
    }
  })

  it('an unverified year never replaces a verified one; between equals the later version wins', () => {
    const guess = v('later-guess', '2027-02-01', (d) => {
      d.years.find((y) => y.year === 2026)!.nonWorkingDays.verified = false
      d.years.find((y) => y.year === 2026)!.nonWorkingDays.value.push('2026-12-30')
    })
    expect(createWorkingDayCalendar(mergeProductionCalendars([file, guess])).isWorkingDay('2026-12-30')).toBe(true)
    const correction = v('later-decree', '2027-02-01', (d) => {
      d.years.find((y) => y.year === 2026)!.nonWorkingDays.value.push('2026-12-30')
    })
    expect(createWorkingDayCalendar(mergeProductionCalendars([correction, file])).isWorkingDay('2026-12-30')).toBe(
      false,
    )
  })

  it('takes regional days with their year, and the rule from the latest version that has one', () => {
    const regional = v('regional', '2026-05-01', (d) => {
      d.regional = [
        {
          regionCode: '16',
          year: 2026,
          source: 'test',
          nonWorkingDays: { value: ['2026-08-31'], verified: true },
          workingWeekendDays: { value: [], verified: true },
          shortenedDays: { value: [], verified: true },
        },
      ]
      delete d.labourCode
    })
    const merged = mergeProductionCalendars([file, regional])
    expect(createWorkingDayCalendar(merged, { regionCode: '16' }).isWorkingDay('2026-08-31')).toBe(false)
    expect(createWorkingDayCalendar(merged).isWorkingDay('2026-08-31')).toBe(true)
    expect(merged.labourCode).toEqual(rule)
    expect(createWorkingDayCalendar(merged).basisOf(2030)).toBe('labour-code')
  })
})

describe('unconfirmed years of a deadline', () => {
  const status = calendarStatus(data)
  it('are the years from the start of the count to the deadline that no decree confirms', () => {
    expect(status.confirmedYears).toEqual([2025, 2026])
    expect(unconfirmedYears('2026-12-21', '2027-01-15', status)).toEqual([2027])
    expect(unconfirmedYears('2026-04-15', '2026-04-29', status)).toEqual([])
    expect(unconfirmedYears('2024-12-25', '2025-01-14', status)).toEqual([2024])
    expect(unconfirmedYears('2027-12-25', '2028-01-14', status)).toEqual([2027, 2028])
  })
})
