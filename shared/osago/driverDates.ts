import { addYears, fullYearsBetween, isCalendarDate } from '../dates/calendarDate'

/**
 * A listed driver's dates against the contract's (docs/domain/product-decisions.md#driver-age): old enough to drive
 * the category on the start date, a first licence already issued on the day the application is made, and no more
 * experience than age − 16 (docs/domain/osago-premium.md#a5: the KVS table has no such cells). The form shows these
 * at the fields while the clerk types; the application schema refuses them again in the core.
 */

/** Motorcycle categories may be driven from 16; every other category in the catalogue from 18. */
const FROM_16: ReadonlySet<string> = new Set(['A', 'M'])

export function minDriverAge(category: string | null | undefined): 16 | 18 {
  return category && FROM_16.has(category) ? 16 : 18
}

export type DriverDateKey =
  'osago.form.driverUnder16' | 'osago.form.driverUnder18' | 'osago.form.licenceInFuture' | 'osago.form.licenceBefore16'

export interface DriverDates {
  birthDate?: string | null
  licenseSince?: string | null
  /** Only the year was typed: `licenseSince` is 31.12 of it, so only the year may be compared with today. */
  licenseYearOnly?: boolean | null
}

export interface ContractDates {
  conclusionDate?: string | null
  startDate?: string | null
}

const valid = (d: string | null | undefined): d is string => typeof d === 'string' && isCalendarDate(d)

/** Field (`birthDate`, `licenseSince`) → message key; empty when the dates agree or are not typed yet. */
export function driverDateProblems(
  driver: DriverDates,
  contract: ContractDates,
  category: string | null | undefined,
): Partial<Record<'birthDate' | 'licenseSince', DriverDateKey>> {
  const out: Partial<Record<'birthDate' | 'licenseSince', DriverDateKey>> = {}
  const { birthDate: birth, licenseSince: licence } = driver
  const min = minDriverAge(category)
  if (valid(birth) && valid(contract.startDate) && fullYearsBetween(birth, contract.startDate) < min)
    out.birthDate = min === 16 ? 'osago.form.driverUnder16' : 'osago.form.driverUnder18'
  if (valid(licence) && valid(contract.conclusionDate) && licenceInFuture(licence, contract.conclusionDate, driver))
    out.licenseSince = 'osago.form.licenceInFuture'
  else if (valid(birth) && valid(licence) && licence < addYears(birth, 16))
    out.licenseSince = 'osago.form.licenceBefore16'
  return out
}

function licenceInFuture(licence: string, today: string, driver: DriverDates): boolean {
  return driver.licenseYearOnly ? licence.slice(0, 4) > today.slice(0, 4) : licence > today
}
