import type { CalendarDate } from '../../shared/dates/calendarDate'
import { createWorkingDayCalendar, ProductionCalendarError, type WorkingDayCalendar } from '../../shared/reference/productionCalendar'
import { MissingRuleError, TerminationInputError } from '../../shared/termination/errors'
import { terminationRulesInForce, type TerminationRules } from '../../shared/termination/rulesSchema'
import { AppError } from '../app/appError'
import { ReferenceNotInForceError, referenceInForce, type ReferenceData } from '../reference/loadReferenceData'

export interface RulesInForce {
  rules: TerminationRules
  version: string
}

/** The termination rules in force on the contract's conclusion date (DOMAIN.md product decisions). */
export function rulesInForce(reference: ReferenceData, conclusionDate: CalendarDate): RulesInForce {
  try {
    const file = terminationRulesInForce(reference.versions['termination-rules'], conclusionDate)
    return { rules: file.data, version: file.version }
  } catch (e) {
    if (e instanceof MissingRuleError) throw new AppError('REFERENCE_DATA', 'termination.problem.rules', { date: conclusionDate })
    throw e
  }
}

/**
 * The production calendar in force on the day of receipt: deadlines in working days are counted on it. Resolved on
 * the first question, so a calculation that never asks (OSAGO counts calendar days) needs no calendar for its year.
 */
export function calendarOn(reference: ReferenceData, date: CalendarDate): WorkingDayCalendar {
  let calendar: WorkingDayCalendar | undefined
  const resolve = (): WorkingDayCalendar => {
    if (calendar) return calendar
    try {
      calendar = createWorkingDayCalendar(referenceInForce(reference, 'production-calendar', date).data)
      return calendar
    } catch (e) {
      if (e instanceof ReferenceNotInForceError) throw new AppError('REFERENCE_DATA', 'termination.problem.calendar', { date })
      throw e
    }
  }
  return {
    get coveredYears() { return resolve().coveredYears },
    isWorkingDay: (d) => resolve().isWorkingDay(d),
    isShortenedDay: (d) => resolve().isShortenedDay(d),
    nextWorkingDay: (d) => resolve().nextWorkingDay(d),
    addWorkingDays: (d, n) => resolve().addWorkingDays(d, n),
  }
}

/**
 * Runs a calculation and turns what the pure calculators throw into answers the form can show: bad input at its
 * field (`pathPrefix` + field), a calendar year or rule the data does not have as a reference-data error.
 */
export function guarded<T>(fn: () => T, pathPrefix = ''): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof TerminationInputError) {
      throw new AppError('VALIDATION', e.messageKey, {}, { [`${pathPrefix}${e.field}`]: e.messageKey })
    }
    if (e instanceof ProductionCalendarError) throw new AppError('REFERENCE_DATA', 'termination.problem.calendar', { date: String(e.params.date ?? e.params.year ?? '') })
    if (e instanceof MissingRuleError) throw new AppError('REFERENCE_DATA', 'termination.problem.rules', { date: e.key })
    throw e
  }
}
