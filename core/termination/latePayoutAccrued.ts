import type { CalendarDate } from '../../shared/dates/calendarDate'
import type { RefundCalculation } from '../../shared/termination/applicationRefund'
import { latePayoutAmount, latePayoutBasis, type LatePayoutResult } from '../../shared/termination/latePenalty'
import type { ReferenceData } from '../reference/loadReferenceData'
import { guarded, keyRatesOf, rulesInForce } from './terminationRules'

/**
 * What a refund overdue since `due` has cost up to `on`, by the basis its calculation names (the penalty of seed
 * 004 or GK RF art. 395 interest); a calculation stored before the basis was named takes the one in force on the
 * due date. For the dashboard and the payout.
 */
export function accruedLatePayout(
  reference: ReferenceData,
  calculation: RefundCalculation,
  due: CalendarDate,
  on: CalendarDate,
): LatePayoutResult {
  const basis =
    calculation.latePayout ??
    (() => {
      const { rules, version } = rulesInForce(reference, due)
      return latePayoutBasis(rules, version)
    })()
  return guarded(() =>
    latePayoutAmount(
      calculation.refundKopecks,
      due,
      on,
      basis,
      basis.consequence === 'statutory-interest' ? keyRatesOf(reference) : null,
    ),
  )
}
