import type { CascoDraft } from '../casco/draft'
import { addDays, addMonths, diffDays, type CalendarDate } from '../dates/calendarDate'
import type { OsagoDraft } from '../osago/draft'
import { renewalStart } from './rules'

/**
 * The new application's draft from the expiring contract's (docs/domain/renewal.md#r2). At the office everything
 * carries over and stays editable: insured, owner, vehicle, drivers (their KBM classes as typed: they are checked
 * again before the new premium stands), periods of use and the diagnostic card. Only the dates are new: concluded
 * today, cover from the day after the old one ends.
 */
export function osagoRenewalDraft(
  old: OsagoDraft,
  today: CalendarDate,
  oldTerm: { start: CalendarDate; end: CalendarDate },
): OsagoDraft {
  const start = renewalStart(today, oldTerm.end)
  const copy = structuredClone(old)
  return {
    ...copy,
    drivers: withoutKbmChecks(copy.drivers),
    contract: {
      conclusionDate: today,
      startDate: start,
      periodsOfUse: copy.contract.periodsOfUse.map((p) => ({
        from: shifted(p.from, oldTerm.start, start),
        to: shifted(p.to, oldTerm.start, start),
      })),
    },
  }
}

/**
 * The drivers as they were, each class as it stands on the old policy but without the register's answer that set it:
 * that answer was for the old term, and the class is checked again for the new one (issue 15 point 5), so until
 * then it counts as typed.
 */
function withoutKbmChecks(drivers: OsagoDraft['drivers']): OsagoDraft['drivers'] {
  if (drivers.mode === 'unlimited') {
    const { ownerKbmCheck: _, ...rest } = drivers as typeof drivers & { ownerKbmCheck?: unknown }
    return rest
  }
  return {
    mode: 'list',
    list: drivers.list.map((d) => {
      const { kbmCheck: _, ...rest } = d as typeof d & { kbmCheck?: unknown }
      return rest
    }),
  }
}

/**
 * A period of use moved into the new term as far as the term itself moved: by whole years when the new term
 * starts on the old start's anniversary (the usual one-year renewal keeps the same calendar dates), else by days.
 */
function shifted(date: string, oldStart: CalendarDate, newStart: CalendarDate): string {
  if (!date) return date
  for (let years = 1; years <= 2; years++)
    if (addMonths(oldStart, 12 * years) === newStart) return addMonths(date, 12 * years)
  return addDays(date, diffDays(oldStart, newStart))
}

/**
 * The CASCO quote's draft from the expiring contract's, marked as its renewal (docs/domain/renewal.md#r3): the
 * previous policy filled in so the promotion «renewal» of casco-programs (seed 002) is checked and priced by its
 * conditions — again a year, the same owner and insured, no clerk's discount, from the day after the old end. The
 * claims under the old contract are not recorded in the app: the clerk types them (null until then). The car is no
 * longer new; its mileage and value stay as recorded a year ago for the clerk to update from the client's word.
 */
export function cascoRenewalDraft(
  old: CascoDraft,
  today: CalendarDate,
  oldTerm: { start: CalendarDate; end: CalendarDate },
): CascoDraft {
  const copy = structuredClone(old)
  return {
    ...copy,
    contract: { quoteDate: today, startDate: renewalStart(today, oldTerm.end), termMonths: 12 },
    vehicle: { ...copy.vehicle, newCar: false },
    previousPolicy: { startDate: oldTerm.start, endDate: oldTerm.end, claims: null, sameOwnerAndInsured: true },
    options: copy.options.map((o) => ({ ...o, discountPercent: null })),
  }
}
