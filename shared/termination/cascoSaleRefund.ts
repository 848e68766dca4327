import type { CalendarDate } from '../dates/calendarDate'
import { applyFactors, fraction, ratio } from '../money/exact'
import { TerminationInputError } from './errors'
import { unexpiredShare } from './periodsOfUse'
import type { TerminationRules } from './rulesSchema'

export interface CascoSaleRefundRequest {
  premiumKopecks: number
  contractStart: CalendarDate
  contractEnd: CalendarDate
  /** The day the insurer received the application with the sale contract. */
  terminationDate: CalendarDate
}

/**
 * CASCO ended because the car was sold (outside the cooling-off period): GK RF art. 958 p. 1 lets the insurer
 * keep the premium for the time the contract was in force; the rules version says which expense share it also
 * keeps. refund = premium × (1 − expense share) × unexpired days / days in the term.
 */
export function cascoSaleRefundKopecks(r: CascoSaleRefundRequest, rules: TerminationRules): number {
  if (!Number.isSafeInteger(r.premiumKopecks) || r.premiumKopecks < 0) {
    throw new TerminationInputError('premiumKopecks', 'termination.error.premiumNotKopecks')
  }
  if (r.contractEnd < r.contractStart) throw new TerminationInputError('contractEnd', 'termination.error.termEndsBeforeStart')
  if (r.terminationDate > r.contractEnd) return 0
  const { expenseShare } = rules.cascoSale.refundRule.value
  const kept = ratio(expenseShare)
  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, r.terminationDate)
  return applyFactors(r.premiumKopecks, [fraction(kept.den - kept.num, kept.den), fraction(unexpiredDays, totalDays)])
}
