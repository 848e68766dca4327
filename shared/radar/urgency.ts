import { diffDays, type CalendarDate } from '../dates/calendarDate'

/**
 * How soon a date on the radar needs the branch (docs/decisions.md row 111). A deadline (`due`) is overdue the day
 * after it, «today» on its day, «this week» while it falls within the next `weekDays` days, and «later» past that.
 * A state that waits for someone now (`since`: a case submitted for a decision, a series of blanks running low) has
 * no deadline of its own to miss: it needs doing today, whenever it began.
 */
export const URGENCIES = ['overdue', 'today', 'week', 'later'] as const
export type Urgency = (typeof URGENCIES)[number]

/** What the item's date is: the last day of something (`due`) or the day a wait began (`since`). */
export type RadarDateRole = 'due' | 'since'

export function urgencyOf(role: RadarDateRole, date: CalendarDate, today: CalendarDate, weekDays: number): Urgency {
  if (role === 'since') return 'today'
  const left = diffDays(today, date)
  if (left < 0) return 'overdue'
  if (left === 0) return 'today'
  return left <= weekDays ? 'week' : 'later'
}

/** Most urgent first: by urgency, then by date (earliest first), then by the order the caller gave. */
export function byUrgency<T extends { urgency: Urgency; date: CalendarDate }>(items: readonly T[]): T[] {
  const rank = (u: Urgency) => URGENCIES.indexOf(u)
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item.urgency) - rank(b.item.urgency) || a.item.date.localeCompare(b.item.date) || a.i - b.i)
    .map((x) => x.item)
}
