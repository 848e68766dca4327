import { addDays, compareDates, diffDays, type CalendarDate } from '../dates/calendarDate'
import type { CascoInstalmentTerms } from './instalmentTerms'

/**
 * Where a CASCO instalment stands on a given day of the branch (docs/domain/payments.md#casco-instalments). Pure:
 * the due list, the contract's schedule, the home screen and accepting a payment all ask this one function.
 *
 *   upcoming → reminder (the reminder window) → due (the due date up to the last day to pay) → grace → overdue
 *
 * and `paid` whatever the day. Overdue carries its consequence from the terms: the cover suspended (from when), or
 * the contract ended (on which day). Dates are the branch's calendar days (its time zone's "today").
 */
export const INSTALMENT_STATUSES = ['upcoming', 'reminder', 'due', 'grace', 'overdue', 'paid'] as const
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number]

export type InstalmentConsequence =
  /** No cover from `since` until the instalment is paid; `endsOn`: the contract ends that day unless paid first. */
  | { kind: 'suspended'; since: CalendarDate; endsOn: CalendarDate | null }
  /** The contract ended on `on` for want of this instalment; it can no longer be paid. */
  | { kind: 'terminated'; on: CalendarDate }

export interface InstalmentState {
  status: InstalmentStatus
  /** The last day to pay on time: the due date, moved past days off when the terms say so. */
  lastDayToPay: CalendarDate
  /** The last day of the grace period (= lastDayToPay without one). */
  graceLastDay: CalendarDate
  /** The first day of the reminder window. */
  remindFrom: CalendarDate
  /** Days from today to the last day to pay (negative once it has passed). */
  daysLeft: number
  consequence: InstalmentConsequence | null
}

/** The working-day rule the terms may ask for (shared/reference/productionCalendar.ts WorkingDayCalendar). */
export interface NextWorkingDay {
  nextWorkingDay(date: CalendarDate): CalendarDate
}

/** The days an instalment's life turns on, independent of today. */
export function instalmentDays(
  dueDate: CalendarDate,
  terms: CascoInstalmentTerms,
  calendar: NextWorkingDay,
): { remindFrom: CalendarDate; lastDayToPay: CalendarDate; graceLastDay: CalendarDate } {
  const lastDayToPay = terms.dueDateMovesToWorkingDay.value ? calendar.nextWorkingDay(dueDate) : dueDate
  const grace = terms.graceDays.value
  // A grace period is a term of its own: its last day on a day off moves on too (GK RF art. 193).
  const graceLastDay =
    grace === 0
      ? lastDayToPay
      : terms.dueDateMovesToWorkingDay.value
        ? calendar.nextWorkingDay(addDays(lastDayToPay, grace))
        : addDays(lastDayToPay, grace)
  return { remindFrom: addDays(dueDate, -terms.reminderDaysBefore.value), lastDayToPay, graceLastDay }
}

/** What follows an unpaid grace period, as of `today` (after graceLastDay). */
function consequenceOf(
  today: CalendarDate,
  days: { lastDayToPay: CalendarDate; graceLastDay: CalendarDate },
  terms: CascoInstalmentTerms,
): InstalmentConsequence {
  const afterGrace = addDays(days.graceLastDay, 1)
  if (terms.afterGrace.value === 'terminate') return { kind: 'terminated', on: afterGrace }
  const since = terms.suspensionStarts.value === 'dayAfterDue' ? addDays(days.lastDayToPay, 1) : afterGrace
  const after = terms.terminateAfterDays.value
  if (after === null) return { kind: 'suspended', since, endsOn: null }
  // Ends `after` days from the start of the suspension, never before the grace period is over.
  let endsOn = addDays(since, after)
  if (compareDates(endsOn, afterGrace) < 0) endsOn = afterGrace
  return compareDates(today, endsOn) >= 0 ? { kind: 'terminated', on: endsOn } : { kind: 'suspended', since, endsOn }
}

export function instalmentState(
  instalment: { dueDate: CalendarDate; paid: boolean },
  today: CalendarDate,
  terms: CascoInstalmentTerms,
  calendar: NextWorkingDay,
): InstalmentState {
  const days = instalmentDays(instalment.dueDate, terms, calendar)
  const base = { ...days, daysLeft: diffDays(today, days.lastDayToPay), consequence: null }
  if (instalment.paid) return { ...base, status: 'paid' }
  if (compareDates(today, days.remindFrom) < 0) return { ...base, status: 'upcoming' }
  if (compareDates(today, instalment.dueDate) < 0) return { ...base, status: 'reminder' }
  if (compareDates(today, days.lastDayToPay) <= 0) return { ...base, status: 'due' }
  if (compareDates(today, days.graceLastDay) <= 0) return { ...base, status: 'grace' }
  return { ...base, status: 'overdue', consequence: consequenceOf(today, days, terms) }
}

/**
 * An order on the states that only grows with time for an unpaid instalment (the property test holds the function
 * to it): each status, and overdue-suspended before overdue-terminated.
 */
export function instalmentRank(s: Pick<InstalmentState, 'status' | 'consequence'>): number {
  if (s.status === 'paid') return 7
  if (s.status === 'overdue') return s.consequence?.kind === 'terminated' ? 6 : 5
  return INSTALMENT_STATUSES.indexOf(s.status)
}

/** Whether an instalment in this state may still be paid: not once the contract has ended for want of it. */
export function instalmentPayable(s: Pick<InstalmentState, 'status' | 'consequence'>): boolean {
  return s.status !== 'paid' && s.consequence?.kind !== 'terminated'
}
