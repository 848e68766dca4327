import { addDays, type CalendarDate } from '../dates/calendarDate'
import type { WorkingDayCalendar } from './workingDayCalendar'

export interface CoolingOffWindow {
  /** Day N of an N-day window; day 1 is the day after conclusion (GK RF art. 191), so day N is conclusion + N. */
  lastDay: CalendarDate
  /** The last day a refusal is accepted: `lastDay`, or the next working day when the rules move it (art. 193). */
  windowEnd: CalendarDate
}

export function coolingOffWindow(
  conclusionDate: CalendarDate,
  windowDays: number,
  lastDayNonWorking: 'keep' | 'next-working-day',
  calendar: WorkingDayCalendar,
): CoolingOffWindow {
  const lastDay = addDays(conclusionDate, windowDays)
  return { lastDay, windowEnd: lastDayNonWorking === 'next-working-day' ? calendar.nextWorkingDay(lastDay) : lastDay }
}
