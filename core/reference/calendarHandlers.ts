import type { Db } from '../db/openDatabase'
import type { HandlersOf } from '../ipc/handlers'
import { deadlineChangesOf } from '../termination/payoutDeadlineRecalculation'
import type { ReferenceData } from './loadReferenceData'
import { calendarStatusOf } from './workingDays'

/** shared/reference/productionCalendarContract.ts. */
export function calendarHandlers(
  db: Db,
  reference: ReferenceData,
): HandlersOf<'calendar/get-status' | 'calendar/list-deadline-changes'> {
  return {
    'calendar/get-status': async () => calendarStatusOf(reference),
    'calendar/list-deadline-changes': async (input) => deadlineChangesOf(db, input.applicationId),
  }
}
