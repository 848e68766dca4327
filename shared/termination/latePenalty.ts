import { applyFactors } from '../money/exact'
import { diffDays, type CalendarDate } from '../dates/calendarDate'
import type { TerminationRules } from './rulesSchema'

/**
 * Penalty for paying a refund late: the rate (1 % in seed 004, kept as data) of the amount due for every day
 * after the due date up to and including the day of payment. Paying on the due date costs nothing.
 */
export function latePenaltyKopecks(
  amountKopecks: number,
  dueDate: CalendarDate,
  paidDate: CalendarDate,
  rules: TerminationRules,
): number {
  const daysLate = Math.max(0, diffDays(dueDate, paidDate))
  return applyFactors(amountKopecks, [rules.latePayout.penaltyRatePerDay.value, daysLate])
}
