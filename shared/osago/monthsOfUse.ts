import { addDays, addMonths, addYears, type CalendarDate } from '../dates/calendarDate'
import { inputError, type OsagoError } from './errors'
import type { UsePeriod } from './input'
import type { OsagoTariffData, OwnerType } from './tariffSchema'

/** Last day of the one-year insurance term that starts on `start`. */
export function termEnd(start: CalendarDate): CalendarDate {
  return addDays(addYears(start, 1), -1)
}

/**
 * Months a period of use counts for KS (product decision): from day D to the day before D + N months is N
 * months; any days beyond that count as one more month. Months are added with clamping, so 31.01 + 1 month is
 * the last day of February.
 */
export function monthsInPeriod(period: UsePeriod): number {
  const dayAfterEnd = addDays(period.to, 1)
  let whole = 0
  while (addMonths(period.from, whole + 1) <= dayAfterEnd) whole += 1
  return addMonths(period.from, whole) <= period.to ? whole + 1 : whole
}

export interface PeriodRules {
  startDate: CalendarDate
  maxPeriods: number
  /** The least total months this owner may choose; null where periods of use are not sold to this owner at all. */
  minTotalMonths: number | null
}

/**
 * The tariff's period rules for an owner type (`ks.minTotalMonths`: 40-FZ art. 16 and
 * docs/domain/product-decisions.md#who-may-limit).
 */
export function periodRulesFor(ks: OsagoTariffData['ks'], ownerType: OwnerType, startDate: CalendarDate): PeriodRules {
  return { startDate, maxPeriods: ks.maxPeriods.value, minTotalMonths: ks.minTotalMonths[ownerType].value }
}

/** Checks the periods (count, order, inside the term, no overlap, minimum total) and returns their month total. */
export function countMonthsOfUse(
  periods: readonly UsePeriod[],
  rules: PeriodRules,
): { ok: true; months: number } | { ok: false; error: OsagoError } {
  // Refused, not ignored: a period the tariff does not sell to this owner would otherwise be printed but not priced.
  if (periods.length > 0 && rules.minTotalMonths === null) {
    return { ok: false, error: inputError('periodsOfUse', 'osago.errors.periodsNotForLegalEntity') }
  }
  if (periods.length > rules.maxPeriods) {
    return { ok: false, error: inputError('periodsOfUse', 'osago.errors.periodsTooMany', { max: rules.maxPeriods }) }
  }
  const end = termEnd(rules.startDate)
  for (const [i, p] of periods.entries()) {
    if (p.to < p.from)
      return { ok: false, error: inputError(`periodsOfUse[${i}].to`, 'osago.errors.periodEndsBeforeStart') }
    if (p.from < rules.startDate || p.to > end) {
      return {
        ok: false,
        error: inputError(`periodsOfUse[${i}]`, 'osago.errors.periodOutsideTerm', {
          termStart: rules.startDate,
          termEnd: end,
        }),
      }
    }
  }
  const order = periods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.from < b.p.from ? -1 : a.p.from > b.p.from ? 1 : 0))
  for (let k = 1; k < order.length; k += 1) {
    const prev = order[k - 1]!
    const cur = order[k]!
    if (cur.p.from <= prev.p.to) {
      return {
        ok: false,
        error: inputError(`periodsOfUse[${cur.i}].from`, 'osago.errors.periodsOverlap', { other: prev.i + 1 }),
      }
    }
  }
  const months = periods.reduce((sum, p) => sum + monthsInPeriod(p), 0)
  // Without periods the vehicle is used the whole term: there is no total to fall short.
  if (periods.length > 0 && rules.minTotalMonths !== null && months < rules.minTotalMonths) {
    return {
      ok: false,
      error: inputError('periodsOfUse', 'osago.errors.periodsTooShort', { min: rules.minTotalMonths, months }),
    }
  }
  return { ok: true, months }
}
