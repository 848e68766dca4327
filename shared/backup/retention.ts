import { addDays, isoWeekday, todayIn } from '../dates/calendarDate'

export interface RetentionRule {
  keepDaily: number
  keepWeekly: number
}

/**
 * Which backups a retention rule keeps («7 daily + 4 weekly»): the newest backup of each of the `keepDaily` most
 * recent days that have one, the newest of each of the `keepWeekly` most recent ISO weeks that have one, and
 * always the newest of all. Days and weeks are the branch's (its time zone), so an evening backup belongs to its
 * own day. A backup dated in the future (a clock that jumped) counts like any other: the rule never deletes the
 * newest one.
 */
export function backupsToKeep(
  backups: ReadonlyArray<{ id: string; createdAt: string }>,
  rule: RetentionRule,
  timeZone: string,
): Set<string> {
  const newestFirst = [...backups].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
  )
  const keep = new Set<string>()
  if (newestFirst[0]) keep.add(newestFirst[0].id)
  const days = new Set<string>()
  const weeks = new Set<string>()
  for (const b of newestFirst) {
    const day = todayIn(timeZone, new Date(b.createdAt))
    const week = addDays(day, 1 - isoWeekday(day))
    if (!days.has(day)) {
      days.add(day)
      if (days.size <= rule.keepDaily) keep.add(b.id)
    }
    if (!weeks.has(week)) {
      weeks.add(week)
      if (weeks.size <= rule.keepWeekly) keep.add(b.id)
    }
  }
  return keep
}
