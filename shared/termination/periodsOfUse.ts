import { addDays, daysInclusive, type CalendarDate } from '../dates/calendarDate'
import { TerminationInputError } from './errors'

/** A paid period of use of an OSAGO contract, both days inclusive. */
export interface UsePeriod {
  from: CalendarDate
  to: CalendarDate
}

export interface UnexpiredShare {
  unexpiredDays: number
  totalDays: number
}

/**
 * Days left after `terminationDate` and the days the premium paid for.
 *
 * Without periods of use the premium paid for the whole term (contractStart..contractEnd inclusive), and the
 * unexpired part runs from the day after the termination date to contractEnd. With periods of use the premium
 * paid only for the days inside those periods (the KS coefficient priced exactly them), so both counts are
 * taken within the periods: the total is every day of every period, the unexpired part is the days of the
 * periods after the termination date. A termination between periods therefore refunds all later periods in
 * full proportion, and a termination inside a period refunds the rest of that period and all later ones.
 */
export function unexpiredShare(
  contractStart: CalendarDate,
  contractEnd: CalendarDate,
  terminationDate: CalendarDate,
  periodsOfUse?: readonly UsePeriod[],
): UnexpiredShare {
  const periods = periodsOfUse ?? [{ from: contractStart, to: contractEnd }]
  const firstUnexpired = addDays(terminationDate, 1)
  let unexpiredDays = 0
  let totalDays = 0
  for (const p of periods) {
    totalDays += daysInclusive(p.from, p.to)
    const from = p.from > firstUnexpired ? p.from : firstUnexpired
    if (from <= p.to) unexpiredDays += daysInclusive(from, p.to)
  }
  return { unexpiredDays, totalDays }
}

/** Periods must lie inside the term and not overlap, or the day counts above would be wrong. */
export function validatePeriodsOfUse(
  periods: readonly UsePeriod[],
  contractStart: CalendarDate,
  contractEnd: CalendarDate,
): void {
  if (periods.length === 0) throw new TerminationInputError('periodsOfUse', 'termination.error.periodsOfUseEmpty')
  periods.forEach((p, i) => {
    if (p.to < p.from)
      throw new TerminationInputError(`periodsOfUse.${i}.to`, 'termination.error.periodEndsBeforeStart')
    if (p.from < contractStart)
      throw new TerminationInputError(`periodsOfUse.${i}.from`, 'termination.error.periodOutsideTerm')
    if (p.to > contractEnd)
      throw new TerminationInputError(`periodsOfUse.${i}.to`, 'termination.error.periodOutsideTerm')
  })
  const order = periods.map((p, i) => ({ ...p, i })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!
    const cur = order[k]!
    if (cur.from <= prev.to)
      throw new TerminationInputError(`periodsOfUse.${cur.i}.from`, 'termination.error.periodsOverlap')
  }
}
