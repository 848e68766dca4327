import type { HandlersOf } from '../ipc/handlers'
import type { ReferenceData } from './loadReferenceData'
import { calendarStatusOf } from './workingDays'

/**
 * shared/reference/productionCalendarContract.ts: the calendar's status. Its other channel, an application's
 * deadline changes, reads termination's records and is answered by core/termination/app.ts.
 */
export function calendarHandlers(reference: ReferenceData): HandlersOf<'calendar/get-status'> {
  return {
    'calendar/get-status': async () => calendarStatusOf(reference),
  }
}
