import { addYears, fullYearsBetween, isCalendarDate } from '../dates/calendarDate'
import type { MessageParams, ValidationKey } from './messageKey'

/**
 * A listed driver's dates against the contract's (docs/domain/product-decisions.md#driver-age), one rule for every
 * product that lists drivers (OSAGO, CASCO): old enough to drive the category on the start date, a first licence
 * already issued on the day the application is made, and no more experience than age − 16
 * (docs/domain/osago-premium.md#a5: the KVS table has no such cells; CASCO's driver table starts at 18 too). The
 * forms show these at the fields while the clerk types; each product's schema refuses them again in the core.
 */

/** Motorcycle categories may be driven from 16; every other category in the catalogue from 18. */
const FROM_16: ReadonlySet<string> = new Set(['A', 'M'])

export function minDriverAge(category: string | null | undefined): 16 | 18 {
  return category && FROM_16.has(category) ? 16 : 18
}

/** Nobody holds a first licence before this age, whatever the category: experience is at most age − 16. */
export const MIN_LICENCE_AGE = 16

export type DriverDateField = 'birthDate' | 'licenseSince'

export interface DriverDateProblem {
  key: ValidationKey
  params?: MessageParams
}

export interface DriverDates {
  birthDate?: string | null
  licenseSince?: string | null
  /** Only the year was typed: `licenseSince` is 31.12 of it, so only the year may be compared with today. */
  licenseYearOnly?: boolean | null
}

export interface ContractDates {
  /** The day the application is made (OSAGO's conclusion date, CASCO's quote date). */
  conclusionDate?: string | null
  startDate?: string | null
}

const valid = (d: string | null | undefined): d is string => typeof d === 'string' && isCalendarDate(d)

/**
 * Field → problem; empty when the dates agree or are not typed yet. Without contract dates only the licence against
 * the birth date is judged (a driver's own schema, before the contract is known).
 */
export function driverDateProblems(
  driver: DriverDates,
  contract: ContractDates,
  category: string | null | undefined,
): Partial<Record<DriverDateField, DriverDateProblem>> {
  const out: Partial<Record<DriverDateField, DriverDateProblem>> = {}
  const { birthDate: birth, licenseSince: licence } = driver
  const min = minDriverAge(category)
  if (valid(birth) && valid(contract.startDate) && fullYearsBetween(birth, contract.startDate) < min)
    out.birthDate = { key: 'validation.driverAge.tooYoung', params: { min } }
  if (valid(licence) && valid(contract.conclusionDate) && licenceInFuture(licence, contract.conclusionDate, driver))
    out.licenseSince = { key: 'validation.licenseSince.future' }
  else if (valid(birth) && valid(licence) && licence < addYears(birth, MIN_LICENCE_AGE))
    out.licenseSince = { key: 'validation.licenseSince.beforeAge', params: { min: MIN_LICENCE_AGE } }
  return out
}

function licenceInFuture(licence: string, today: string, driver: DriverDates): boolean {
  return driver.licenseYearOnly ? licence.slice(0, 4) > today.slice(0, 4) : licence > today
}
