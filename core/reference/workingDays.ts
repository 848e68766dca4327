import {
  createWorkingDayCalendar,
  mergeProductionCalendars,
  type ProductionCalendar,
  type WorkingDayCalendar,
} from '../../shared/reference/productionCalendar'
import { calendarStatus, type CalendarStatus } from '../../shared/reference/productionCalendarStatus'
import type { ReferenceData } from './loadReferenceData'

interface Built {
  data: ProductionCalendar
  calendar: WorkingDayCalendar
}

/** Built once per set of loaded versions: an HQ update replaces `reference.versions`, which drops the entry. */
const built = new WeakMap<object, Built>()

function build(reference: ReferenceData): Built {
  const versions = reference.versions['production-calendar']
  let b = built.get(versions)
  if (!b) {
    const data = mergeProductionCalendars(versions)
    b = { data, calendar: createWorkingDayCalendar(data) }
    built.set(versions, b)
  }
  return b
}

/**
 * The federal working-day calendar the core counts every deadline on: all calendar versions on file merged year by
 * year (shared/reference/productionCalendar.ts `mergeProductionCalendars`), years no decree covers counted by the
 * Labour Code rule. It answers for any date, so no counter operation waits for a calendar.
 */
export function workingDayCalendarOf(reference: ReferenceData): WorkingDayCalendar {
  return build(reference).calendar
}

/** The merged calendar data, as the device stores it to notice the next change (calendarUpdates.ts). */
export function calendarDataOf(reference: ReferenceData): ProductionCalendar {
  return build(reference).data
}

export function calendarStatusOf(reference: ReferenceData): CalendarStatus {
  return calendarStatus(build(reference).data)
}
