import type { CalendarDate } from '../dates/calendarDate'
import type { ProductionCalendar } from './productionCalendar'

/**
 * Which years of the production calendar are confirmed by a decree HQ delivered. Every other year — listed but
 * unverified (the shipped Labour Code baseline), or not listed at all — is counted by the Labour Code rule, and a
 * deadline that runs through it is shown as unconfirmed beside the date.
 */
export interface CalendarStatus {
  confirmedYears: number[]
}

export function calendarStatus(data: ProductionCalendar): CalendarStatus {
  return {
    confirmedYears: data.years
      .filter((y) => y.nonWorkingDays.verified && y.workingWeekendDays.verified)
      .map((y) => y.year)
      .sort((a, b) => a - b),
  }
}

/**
 * The unconfirmed years a deadline's count runs through: every year from `from` (the day the count starts from, e.g.
 * the day of receipt) to `to` (the deadline). Empty when the deadline rests on decrees only.
 */
export function unconfirmedYears(from: CalendarDate, to: CalendarDate, status: CalendarStatus): number[] {
  const first = Number(from.slice(0, 4))
  const last = Number(to.slice(0, 4))
  const out: number[] = []
  for (let y = Math.min(first, last); y <= Math.max(first, last); y++)
    if (!status.confirmedYears.includes(y)) out.push(y)
  return out
}
