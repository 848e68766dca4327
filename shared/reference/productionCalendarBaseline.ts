import { z } from 'zod'
import { addDays, isCalendarDate, isoWeekday, type CalendarDate } from '../dates/calendarDate'
import { verifiedValue } from './envelope'

/**
 * The Labour Code's own calendar, for a year whose government decree HQ has not delivered
 * (docs/domain/product-decisions.md#missing-calendar-year): the counter must never stop for lack of a calendar,
 * so such a year is counted by the law's fixed rule and every deadline on it is shown as unconfirmed.
 *
 * - TK RF art. 112 p. 1: the non-working holidays (1–6 and 8 January, 7 January, 23 February, 8 March, 1 May,
 *   9 May, 12 June, 4 November) — data (`holidays`), as the list has changed before (2005, 2013).
 * - Art. 112 p. 2: a weekend day that coincides with a holiday moves to the next working day after the holiday,
 *   except for the January holidays (`weekendShiftExceptions`): the Government moves two of those days by decree
 *   to dates it chooses, which no rule can foretell.
 * - Art. 95 p. 1: the working day immediately before a holiday is one hour shorter.
 *
 * What the rule cannot know are the decree's transfers (art. 112 p. 5): January days moved to 2 May or 31 December,
 * a Saturday made a working day. The test `productionCalendarBaseline.test.ts` lists exactly those days for 2025
 * and 2026 and shows the rule gives every other day of those years as the decrees do.
 */

/** `MM-DD`, a day that exists in some year (29 February counts only in leap years). */
export const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be MM-DD' })
  .refine((md) => isCalendarDate(`2024-${md}`), { message: 'no such day' })

export const labourCodeRuleSchema = z
  .object({
    /** Non-working holidays, art. 112 p. 1. */
    holidays: verifiedValue(z.array(monthDaySchema).min(1)),
    /** Holidays whose coincidence with a weekend moves nothing by law (the January holidays, art. 112 p. 2). */
    weekendShiftExceptions: verifiedValue(z.array(monthDaySchema)),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const holidays = new Set(rule.holidays.value)
    if (holidays.size !== rule.holidays.value.length)
      ctx.addIssue({ code: 'custom', message: 'a holiday is listed twice', path: ['holidays', 'value'] })
    rule.weekendShiftExceptions.value.forEach((md, i) => {
      if (!holidays.has(md))
        ctx.addIssue({
          code: 'custom',
          message: `${md} is not a listed holiday`,
          path: ['weekendShiftExceptions', 'value', i],
        })
    })
  })

export type LabourCodeRule = z.infer<typeof labourCodeRuleSchema>

/** The day lists of one year, as the calendar file writes them. */
export interface BaselineYear {
  nonWorkingDays: CalendarDate[]
  workingWeekendDays: CalendarDate[]
  shortenedDays: CalendarDate[]
}

function holidaysOf(year: number, rule: LabourCodeRule): CalendarDate[] {
  const y = String(year).padStart(4, '0')
  return rule.holidays.value
    .map((md) => `${y}-${md}`)
    .filter(isCalendarDate)
    .sort()
}

/**
 * Days off of `year` by art. 112 alone: the holidays and the days off moved off a weekend. A holiday late in the
 * previous year could move a day into this one, so that year's shifts are worked out too and kept if they land here.
 */
function daysOff(year: number, rule: LabourCodeRule, weekend: ReadonlySet<number>): Set<CalendarDate> {
  const noShift = new Set(rule.weekendShiftExceptions.value)
  const holidays = [...holidaysOf(year - 1, rule), ...holidaysOf(year, rule), ...holidaysOf(year + 1, rule)]
  const off = new Set(holidays)
  for (const h of holidays) {
    if (noShift.has(h.slice(5)) || !weekend.has(isoWeekday(h))) continue
    let d = addDays(h, 1)
    while (weekend.has(isoWeekday(d)) || off.has(d)) d = addDays(d, 1)
    off.add(d)
  }
  const prefix = `${String(year).padStart(4, '0')}-`
  return new Set([...off].filter((d) => d.startsWith(prefix)))
}

/** The Labour Code's calendar of `year` in the file's terms; no weekend day is made a working day (only a decree does). */
export function labourCodeYear(year: number, rule: LabourCodeRule, weekendIsoDays: readonly number[]): BaselineYear {
  const weekend = new Set(weekendIsoDays)
  const off = daysOff(year, rule, weekend)
  const holidays = new Set([...holidaysOf(year, rule), ...holidaysOf(year + 1, rule)])
  const working = (d: CalendarDate) => !weekend.has(isoWeekday(d)) && !off.has(d)
  const prefix = `${String(year).padStart(4, '0')}-`
  const shortened = [...holidays]
    .map((h) => addDays(h, -1))
    .filter((d) => d.startsWith(prefix) && working(d) && !holidays.has(d))
  return {
    nonWorkingDays: [...off].sort(),
    workingWeekendDays: [],
    shortenedDays: [...new Set(shortened)].sort(),
  }
}
