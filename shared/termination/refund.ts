import { daysInclusive, isCalendarDate, type CalendarDate } from '../dates/calendarDate'
import { applyFactors, fraction, roundHalfUp } from '../money/exact'
import { coolingOffWindow } from './coolingOffWindow'
import { deadlineDate } from './deadlines'
import { TerminationInputError } from './errors'
import { unexpiredShare, validatePeriodsOfUse, type UsePeriod } from './periodsOfUse'
import type { TerminationGround, TerminationRules } from './rulesSchema'
import { UsedRules } from './usedRules'
import type { WorkingDayCalendar } from './workingDayCalendar'

export type RefundKind = 'osago-early-termination' | 'cooling-off'

export interface RefundRequest {
  kind: RefundKind
  /** OSAGO only: why the contract ends early. */
  ground?: TerminationGround
  premiumKopecks: number
  /** Required for cooling-off (the window runs from it); for OSAGO it only picks the rules version. */
  conclusionDate?: CalendarDate
  contractStart: CalendarDate
  /** Last day of cover, inclusive. */
  contractEnd: CalendarDate
  /** The day the insurer received the written application. */
  applicationDate: CalendarDate
  /** Date of death or of the loss of the vehicle, for grounds that end the contract on the event. */
  eventDate?: CalendarDate
  /** OSAGO with periods of use: the paid periods, inside the term, not overlapping. */
  periodsOfUse?: readonly UsePeriod[]
}

export interface RefundResult {
  eligible: boolean
  /** i18n key under `termination.reason` when not eligible. */
  reason?: string
  terminationDate: CalendarDate
  refundKopecks: number
  /** Last day to pay the refund; null when nothing is due because the request is not eligible. */
  payoutDueDate: CalendarDate | null
  /** Rules values used that are not verified (dotted paths in termination-rules); the UI shows a warning. */
  unverifiedRules: string[]
}

/**
 * Refund on early termination of OSAGO or on refusal within the cooling-off period (DOMAIN.md product
 * decisions, D.2, D.4). Pure: the rules version and the production calendar are passed in.
 */
export function calculateRefund(
  request: RefundRequest,
  rules: TerminationRules,
  calendar: WorkingDayCalendar,
): RefundResult {
  validateCommon(request)
  return request.kind === 'cooling-off'
    ? coolingOffRefund(request, rules, calendar)
    : osagoRefund(request, rules, calendar)
}

function validateCommon(r: RefundRequest): void {
  if (!Number.isSafeInteger(r.premiumKopecks) || r.premiumKopecks < 0) {
    throw new TerminationInputError('premiumKopecks', 'termination.error.premiumNotKopecks')
  }
  for (const field of ['conclusionDate', 'contractStart', 'contractEnd', 'applicationDate', 'eventDate'] as const) {
    const value = r[field]
    if (value !== undefined && !isCalendarDate(value)) throw new TerminationInputError(field, 'termination.error.dateFormat')
  }
  if (r.contractEnd < r.contractStart) throw new TerminationInputError('contractEnd', 'termination.error.termEndsBeforeStart')
  if (r.conclusionDate !== undefined && r.applicationDate < r.conclusionDate) {
    throw new TerminationInputError('applicationDate', 'termination.error.applicationBeforeConclusion')
  }
}

function notEligible(reason: string, terminationDate: CalendarDate, unverifiedRules: string[]): RefundResult {
  return { eligible: false, reason, terminationDate, refundKopecks: 0, payoutDueDate: null, unverifiedRules }
}

function osagoRefund(r: RefundRequest, rules: TerminationRules, calendar: WorkingDayCalendar): RefundResult {
  if (r.ground === undefined) throw new TerminationInputError('ground', 'termination.error.groundRequired')
  const ground = rules.osago.grounds[r.ground]
  const used = new UsedRules()
  const dateRule = used.take(`osago.grounds.${r.ground}.terminationDate`, ground.terminationDate)

  let terminationDate: CalendarDate
  if (dateRule === 'event-date') {
    if (r.eventDate === undefined) throw new TerminationInputError('eventDate', 'termination.error.eventDateRequired')
    // The event is what the application reports; one dated later cannot have been reported yet.
    if (r.eventDate > r.applicationDate) throw new TerminationInputError('eventDate', 'termination.error.eventAfterApplication')
    terminationDate = r.eventDate
  } else {
    terminationDate = r.applicationDate
  }
  if (r.periodsOfUse !== undefined) validatePeriodsOfUse(r.periodsOfUse, r.contractStart, r.contractEnd)

  if (r.applicationDate > r.contractEnd) {
    return notEligible('termination.reason.applicationAfterTermEnd', terminationDate, used.list)
  }

  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, terminationDate, r.periodsOfUse)
  const riskShare = used.take('osago.riskShare', rules.osago.riskShare)
  const refundKopecks = applyFactors(r.premiumKopecks, [riskShare, fraction(unexpiredDays, totalDays)])
  const deadline = used.take('osago.payoutDeadline', rules.osago.payoutDeadline)
  return {
    eligible: true,
    terminationDate,
    refundKopecks,
    payoutDueDate: deadlineDate(r.applicationDate, deadline, calendar),
    unverifiedRules: used.list,
  }
}

function coolingOffRefund(r: RefundRequest, rules: TerminationRules, calendar: WorkingDayCalendar): RefundResult {
  if (r.conclusionDate === undefined) throw new TerminationInputError('conclusionDate', 'termination.error.conclusionDateRequired')
  if (r.ground !== undefined) throw new TerminationInputError('ground', 'termination.error.groundNotApplicable')
  if (r.eventDate !== undefined) throw new TerminationInputError('eventDate', 'termination.error.eventDateNotApplicable')
  if (r.periodsOfUse !== undefined) throw new TerminationInputError('periodsOfUse', 'termination.error.periodsOfUseNotApplicable')
  const used = new UsedRules()
  const c = rules.coolingOff

  const { windowEnd } = coolingOffWindow(r.conclusionDate, used.take('coolingOff.windowDays', c.windowDays),
    used.take('coolingOff.windowLastDayNonWorking', c.windowLastDayNonWorking), calendar)
  // Refusal takes effect on the day the insurer receives the application.
  const terminationDate = r.applicationDate
  if (r.applicationDate > windowEnd) return notEligible('termination.reason.coolingOffWindowPassed', terminationDate, used.list)

  const totalDays = daysInclusive(r.contractStart, r.contractEnd)
  const daysInForce = terminationDate < r.contractStart ? 0 : Math.min(daysInclusive(r.contractStart, terminationDate), totalDays)
  // premium − premium × inForce / total, as one exact ratio so that only the final amount is rounded.
  const refundKopecks = roundHalfUp(fraction(BigInt(r.premiumKopecks) * BigInt(totalDays - daysInForce), totalDays))
  const deadline = used.take('coolingOff.payoutDeadline', c.payoutDeadline)
  return {
    eligible: true,
    terminationDate,
    refundKopecks,
    payoutDueDate: deadlineDate(r.applicationDate, deadline, calendar),
    unverifiedRules: used.list,
  }
}
