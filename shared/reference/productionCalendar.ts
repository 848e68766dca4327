import { z } from 'zod'
import { addDays, isCalendarDate, isoWeekday, type CalendarDate } from '../dates/calendarDate'
import { calendarDateSchema, referenceFile, verifiedValue } from './envelope'
import { labourCodeRuleSchema, labourCodeYear } from './productionCalendarBaseline'

/**
 * Production calendar (kind `production-calendar`): which days are working days under the five-day week.
 *
 * A day is a working day when it is not a regular weekend day and not listed as non-working, or when it is a
 * weekend day listed as a transferred working day (e.g. Saturday 1 Nov 2025). Each year comes from its government
 * decree. A year the file does not list is counted by the Labour Code's own rule (`labourCode`, see
 * productionCalendarBaseline.ts) — never by a weekends-only guess, and never refused: such a year, and a listed year
 * whose lists are not verified, is unconfirmed, and deadlines counted on it say so.
 * Regional holidays (e.g. in Tatarstan, Bashkortostan) are added as regional entries on top of the federal year.
 */

const dateList = verifiedValue(z.array(calendarDateSchema))

const calendarDaysSchema = z.object({
  /** Days off besides the regular weekend: holidays and days off moved by the decree. May repeat weekend days. */
  nonWorkingDays: dateList,
  /** Weekend days made working days by a transfer. */
  workingWeekendDays: dateList,
  /** Pre-holiday working days shortened by one hour. */
  shortenedDays: dateList,
})

const calendarYearSchema = calendarDaysSchema
  .extend({
    year: z.number().int().min(1900).max(9999),
    /** The decree the year is taken from. */
    decree: z.string().min(1),
    /** Official totals for the five-day week; when present, the file is checked against them at load. */
    totals: z
      .object({
        workingDays: verifiedValue(z.number().int().nonnegative()),
        daysOff: verifiedValue(z.number().int().nonnegative()),
      })
      .strict()
      .optional(),
  })
  .strict()

const regionalYearSchema = calendarDaysSchema
  .extend({
    /** Two-digit region code, as in the regions reference file (e.g. "16" Tatarstan). */
    regionCode: z.string().regex(/^\d{2}$/, { message: 'must be a 2-digit region code' }),
    year: z.number().int().min(1900).max(9999),
    source: z.string().min(1),
  })
  .strict()

type DayLists = z.infer<typeof calendarDaysSchema>

export const productionCalendarSchema = z
  .object({
    /** ISO weekdays (1 = Monday … 7 = Sunday) that are days off unless transferred. */
    weekendIsoDays: z.array(z.number().int().min(1).max(7)).min(1).max(6),
    years: z.array(calendarYearSchema).min(1),
    regional: z.array(regionalYearSchema),
    /**
     * TK RF art. 112 (holidays, weekend shift): how a year no decree has been delivered for is counted. Optional so
     * that a file HQ shipped before this field existed still loads; the calendar then takes it from another version.
     */
    labourCode: labourCodeRuleSchema.optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    const weekend = new Set(data.weekendIsoDays)
    const seenYears = new Set<number>()
    data.years.forEach((y, i) => {
      if (seenYears.has(y.year))
        ctx.addIssue({ code: 'custom', message: `year ${y.year} appears twice`, path: ['years', i, 'year'] })
      seenYears.add(y.year)
      checkDayLists(y, y.year, weekend, ['years', i], ctx)
      if (y.totals) {
        const { working, off } = countYear(y.year, weekend, [y])
        if (working !== y.totals.workingDays.value) {
          ctx.addIssue({
            code: 'custom',
            message: `the lists give ${working} working days, totals say ${y.totals.workingDays.value}`,
            path: ['years', i, 'totals', 'workingDays', 'value'],
          })
        }
        if (off !== y.totals.daysOff.value) {
          ctx.addIssue({
            code: 'custom',
            message: `the lists give ${off} days off, totals say ${y.totals.daysOff.value}`,
            path: ['years', i, 'totals', 'daysOff', 'value'],
          })
        }
      }
    })
    const seenRegional = new Set<string>()
    data.regional.forEach((r, i) => {
      const key = `${r.regionCode}/${r.year}`
      if (seenRegional.has(key))
        ctx.addIssue({ code: 'custom', message: `regional entry ${key} appears twice`, path: ['regional', i, 'year'] })
      seenRegional.add(key)
      if (!seenYears.has(r.year)) {
        ctx.addIssue({
          code: 'custom',
          message: `regional entry for ${r.year}, a year the federal calendar does not cover`,
          path: ['regional', i, 'year'],
        })
      }
      checkDayLists(r, r.year, weekend, ['regional', i], ctx)
    })
  })

function checkDayLists(
  lists: DayLists,
  year: number,
  weekend: Set<number>,
  at: (string | number)[],
  ctx: z.RefinementCtx,
) {
  const prefix = `${year}-`
  for (const name of ['nonWorkingDays', 'workingWeekendDays', 'shortenedDays'] as const) {
    lists[name].value.forEach((d, j) => {
      if (!d.startsWith(prefix))
        ctx.addIssue({ code: 'custom', message: `${d} is not in ${year}`, path: [...at, name, 'value', j] })
    })
  }
  const nonWorking = new Set(lists.nonWorkingDays.value)
  lists.workingWeekendDays.value.forEach((d, j) => {
    if (!isCalendarDate(d)) return
    if (!weekend.has(isoWeekday(d)))
      ctx.addIssue({
        code: 'custom',
        message: `${d} is not a weekend day`,
        path: [...at, 'workingWeekendDays', 'value', j],
      })
    if (nonWorking.has(d))
      ctx.addIssue({
        code: 'custom',
        message: `${d} is listed as both working and non-working`,
        path: [...at, 'workingWeekendDays', 'value', j],
      })
  })
  const working = new Set(lists.workingWeekendDays.value)
  lists.shortenedDays.value.forEach((d, j) => {
    if (!isCalendarDate(d)) return
    const works = working.has(d) || (!weekend.has(isoWeekday(d)) && !nonWorking.has(d))
    if (!works)
      ctx.addIssue({
        code: 'custom',
        message: `${d} is shortened but not a working day`,
        path: [...at, 'shortenedDays', 'value', j],
      })
  })
}

function countYear(year: number, weekend: Set<number>, layers: DayLists[]): { working: number; off: number } {
  const isWorking = workingRule(weekend, layers)
  let working = 0
  let off = 0
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) {
    if (isWorking(d)) working += 1
    else off += 1
  }
  return { working, off }
}

/** Regional layers can only add days off and transferred working days on top of the federal year. */
function workingRule(weekend: Set<number>, layers: DayLists[]): (d: CalendarDate) => boolean {
  const nonWorking = new Set(layers.flatMap((l) => l.nonWorkingDays.value))
  const workingWeekend = new Set(layers.flatMap((l) => l.workingWeekendDays.value))
  return (d) => !nonWorking.has(d) && (workingWeekend.has(d) || !weekend.has(isoWeekday(d)))
}

export const productionCalendarFileSchema = referenceFile('production-calendar', productionCalendarSchema)

export type ProductionCalendar = z.infer<typeof productionCalendarSchema>
export type ProductionCalendarFile = z.infer<typeof productionCalendarFileSchema>

/** A date the calendar cannot answer for; `key` is an i18n key under `reference.calendar.errors`. */
export class ProductionCalendarError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number>,
    detail: string,
  ) {
    super(detail)
    this.name = 'ProductionCalendarError'
  }
}

/**
 * How a year's working days are known: `decree` — the year's lists, verified against the government decree;
 * `unverified` — listed, not verified (the shipped Labour Code baseline for a year not yet decreed);
 * `labour-code` — not listed at all, counted by the Labour Code rule. Only `decree` is confirmed.
 */
export type CalendarBasis = 'decree' | 'unverified' | 'labour-code'

export interface WorkingDayCalendar {
  isWorkingDay(date: CalendarDate): boolean
  /** Pre-holiday working day shortened by one hour. */
  isShortenedDay(date: CalendarDate): boolean
  /** The date itself when it is a working day, otherwise the first working day after it (GK RF art. 193). */
  nextWorkingDay(date: CalendarDate): CalendarDate
  /**
   * The n-th working day after `date`, not counting `date` itself (GK RF art. 191: a term starts the next day);
   * n = 0 gives `date`. "10 working days after receipt" is addWorkingDays(receipt, 10).
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate
  /** Years the data lists, ascending; other years are counted by the Labour Code rule. */
  readonly coveredYears: readonly number[]
  basisOf(year: number): CalendarBasis
}

/** A year's lists are confirmed when the days off and the transferred working days are both verified. */
function yearVerified(y: CalendarYear): boolean {
  return y.nonWorkingDays.verified && y.workingWeekendDays.verified
}

type CalendarYear = ProductionCalendar['years'][number]

/**
 * Builds the working-day rules from calendar data. With `regionCode`, that region's additions apply on top of the
 * federal calendar. A year the data does not list is counted by the data's Labour Code rule; only data without
 * that rule (an old file) throws ProductionCalendarError for such a year.
 */
export function createWorkingDayCalendar(
  data: ProductionCalendar,
  options: { regionCode?: string } = {},
): WorkingDayCalendar {
  const weekend = new Set(data.weekendIsoDays)
  interface YearRules {
    isWorking: (d: CalendarDate) => boolean
    shortened: Set<CalendarDate>
    basis: CalendarBasis
  }
  const rules = new Map<number, YearRules>()
  const build = (layers: DayLists[], basis: CalendarBasis): YearRules => {
    const isWorking = workingRule(weekend, layers)
    const shortened = new Set(layers.flatMap((l) => l.shortenedDays.value).filter((d) => isWorking(d)))
    return { isWorking, shortened, basis }
  }
  for (const year of data.years) {
    const regional = data.regional.filter((r) => r.year === year.year && r.regionCode === options.regionCode)
    rules.set(year.year, build([year, ...regional], yearVerified(year) ? 'decree' : 'unverified'))
  }
  const coveredYears = [...rules.keys()].sort((a, b) => a - b)
  const labourCode = data.labourCode

  function yearRules(year: number, date: CalendarDate | null): YearRules {
    const known = rules.get(year)
    if (known) return known
    if (!labourCode) {
      throw new ProductionCalendarError(
        'reference.calendar.errors.yearNotCovered',
        { year, date: date ?? String(year) },
        `The production calendar does not cover ${year} (covers ${coveredYears.join(', ')}) and has no Labour Code rule for other years`,
      )
    }
    const days = labourCodeYear(year, labourCode, data.weekendIsoDays)
    const unverified = (value: CalendarDate[]) => ({ value, verified: false })
    const counted = build(
      [
        {
          nonWorkingDays: unverified(days.nonWorkingDays),
          workingWeekendDays: unverified(days.workingWeekendDays),
          shortenedDays: unverified(days.shortenedDays),
        },
      ],
      'labour-code',
    )
    rules.set(year, counted)
    return counted
  }

  function rulesFor(date: CalendarDate): YearRules {
    if (typeof date !== 'string' || !isCalendarDate(date)) {
      throw new ProductionCalendarError(
        'reference.calendar.errors.invalidDate',
        { date: String(date) },
        `Not a calendar date (YYYY-MM-DD): ${String(date)}`,
      )
    }
    return yearRules(Number(date.slice(0, 4)), date)
  }

  const isWorkingDay = (date: CalendarDate) => rulesFor(date).isWorking(date)

  return {
    coveredYears,
    isWorkingDay,
    isShortenedDay: (date) => rulesFor(date).shortened.has(date),
    nextWorkingDay(date) {
      let d = date
      while (!isWorkingDay(d)) d = addDays(d, 1)
      return d
    },
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new ProductionCalendarError(
          'reference.calendar.errors.invalidCount',
          { count: String(n) },
          `The number of working days must be a whole number ≥ 0, got ${n}`,
        )
      }
      rulesFor(date)
      let d = date
      for (let left = n; left > 0;) {
        d = addDays(d, 1)
        if (isWorkingDay(d)) left -= 1
      }
      return d
    },
    basisOf(year) {
      if (!Number.isInteger(year))
        throw new ProductionCalendarError(
          'reference.calendar.errors.invalidDate',
          { date: String(year) },
          `Not a year: ${year}`,
        )
      return yearRules(year, null).basis
    },
  }
}

/**
 * One calendar from every version on file (bundled and HQ's). A calendar states facts about dates, not a rule that
 * changes in time, so it is not picked "in force on a date" like a tariff: each year comes from the version that
 * knows it best — a verified year before an unverified one (HQ's decree replaces the shipped baseline whatever dates
 * HQ gives its file), then the version that took effect last. A year's regional entries come with it from the same
 * version. The Labour Code rule and the weekend are the latest version's that has them.
 */
export function mergeProductionCalendars(files: readonly ProductionCalendarFile[]): ProductionCalendar {
  if (files.length === 0) throw new Error('mergeProductionCalendars: no calendar version given')
  const newestFirst = [...files].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0,
  )
  const chosen = new Map<number, { year: CalendarYear; file: ProductionCalendarFile }>()
  for (const file of newestFirst) {
    for (const year of file.data.years) {
      const held = chosen.get(year.year)
      if (!held || (!yearVerified(held.year) && yearVerified(year))) chosen.set(year.year, { year, file })
    }
  }
  const years = [...chosen.values()].sort((a, b) => a.year.year - b.year.year)
  const labourCode = newestFirst.find((f) => f.data.labourCode)?.data.labourCode
  return {
    weekendIsoDays: newestFirst[0]!.data.weekendIsoDays,
    years: years.map((c) => c.year),
    regional: years.flatMap((c) => c.file.data.regional.filter((r) => r.year === c.year.year)),
    ...(labourCode ? { labourCode } : {}),
  }
}
