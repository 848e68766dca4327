import { isCalendarDate, type CalendarDate } from '../../shared/dates/calendarDate'
import { formatDateRu } from '../../shared/print/format'
import { ProductionCalendarError, type WorkingDayCalendar } from '../../shared/reference/productionCalendar'
import { MissingRuleError, TerminationInputError } from '../../shared/termination/errors'
import { KEY_RATE_KIND, newestKeyRates, type KeyRateTable } from '../../shared/termination/keyRate'
import { terminationRulesInForce, type TerminationRules } from '../../shared/termination/rulesSchema'
import { AppError } from '../app/appError'
import type { ReferenceData } from '../reference/loadReferenceData'
import { workingDayCalendarOf } from '../reference/workingDays'

export interface RulesInForce {
  rules: TerminationRules
  version: string
}

/** The termination rules in force on the contract's conclusion date (docs/domain/product-decisions.md). */
export function rulesInForce(reference: ReferenceData, conclusionDate: CalendarDate): RulesInForce {
  try {
    const file = terminationRulesInForce(reference.versions['termination-rules'], conclusionDate)
    return { rules: file.data, version: file.version }
  } catch (e) {
    if (e instanceof MissingRuleError)
      throw new AppError('REFERENCE_DATA', 'termination.problem.rules', { date: shown(conclusionDate) })
    throw e
  }
}

/**
 * The production calendar deadlines are counted on: every calendar version on file merged year by year, a year no
 * decree covers counted by the Labour Code rule (core/reference/workingDays.ts). A calendar states facts about
 * dates, so it does not depend on the day asked from (the callers' second argument). It never refuses a date.
 */
export function calendarOn(reference: ReferenceData, _date?: CalendarDate): WorkingDayCalendar {
  return workingDayCalendarOf(reference)
}

/** Calculator fields that sit elsewhere in the application form. */
const FORM_PATHS: Record<string, string> = { postmarkDate: 'receipt.postmarkDate' }

/** The Bank of Russia key rates (GK RF art. 395): the newest version holds the whole history. */
export function keyRatesOf(reference: ReferenceData): KeyRateTable {
  try {
    return newestKeyRates(reference.versions['key-rate']).data
  } catch (e) {
    if (e instanceof MissingRuleError) throw new AppError('REFERENCE_DATA', 'termination.problem.keyRatesMissing')
    throw e
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
      throw new AppError(
        'VALIDATION',
        e.messageKey,
        {},
        { [`${pathPrefix}${FORM_PATHS[e.field] ?? e.field}`]: e.messageKey },
      )
    }
    if (e instanceof ProductionCalendarError)
      throw new AppError('REFERENCE_DATA', 'termination.problem.calendar', {
        date: shown(String(e.params.date ?? e.params.year ?? '')),
      })
    if (e instanceof MissingRuleError && e.table === KEY_RATE_KIND) {
      // A day before the table's first rate names the day; no table at all is a different problem (HQ ships one).
      if (!isCalendarDate(e.key)) throw new AppError('REFERENCE_DATA', 'termination.problem.keyRatesMissing')
      throw new AppError('REFERENCE_DATA', 'termination.problem.keyRates', { date: formatDateRu(e.key) })
    }
    if (e instanceof MissingRuleError)
      throw new AppError('REFERENCE_DATA', 'termination.problem.rules', { date: shown(e.key) })
    throw e
  }
}

/** Dates in messages are shown ДД.ММ.ГГГГ; a year or a key that is not a date stays as it is. */
function shown(key: string): string {
  return isCalendarDate(key) ? formatDateRu(key) : key
}
