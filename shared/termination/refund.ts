import { addYears, daysInclusive, isCalendarDate, type CalendarDate } from '../dates/calendarDate'
import { fraction, multiply, ratio, roundHalfUp, type Ratio } from '../money/exact'
import { coolingOffWindow } from './coolingOffWindow'
import { deadlineDate } from './deadlines'
import { TerminationInputError } from './errors'
import { unexpiredShare, validatePeriodsOfUse, type UsePeriod } from './periodsOfUse'
import type { CascoCaseRule, Deadline, TerminationDateRule, TerminationGround, TerminationRules } from './rulesSchema'
import { UsedRules } from './usedRules'
import type { WorkingDayCalendar } from './workingDayCalendar'

export type RefundKind = 'osago-early-termination' | 'cooling-off' | 'casco-sale' | 'casco-loss' | 'casco-refusal'

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
  /**
   * An application sent by post: the postmark date. It is the filing date (GK RF art. 194 p. 2), so the termination
   * date and every window count from it; the payout deadline too when the rules say so.
   */
  postmarkDate?: CalendarDate
  /** Date of the event that ends the contract on the event (death, loss, liquidation, the insurer's notice). */
  eventDate?: CalendarDate
  /** OSAGO with periods of use: the paid periods, inside the term, not overlapping. */
  periodsOfUse?: readonly UsePeriod[]
  /** Cooling-off only: a later day, inside the window, on which the client asks the contract to end (3854-U). */
  requestedTerminationDate?: CalendarDate
}

export type RefundFormula =
  'osago' | 'osago-periods' | 'cooling-off-before-cover' | 'cooling-off' | 'casco-sale' | 'casco-loss' | 'casco-refusal'

/** Every number a result came from, so the screen and the calculation sheet write out the calculation itself. */
export interface RefundDetail {
  /** The filing date the rules count from: the postmark date of a posted application, else the day of receipt. */
  filedOn: CalendarDate
  terminationDateRule: TerminationDateRule | 'requested-date'
  /** `none`: the rules refund nothing on this ground (the contract still ends). */
  refundRule: 'formula' | 'none'
  formula: RefundFormula | null
  /** The share of the premium refunded pro rata: the OSAGO risk share, or 1 − the CASCO expense share. */
  share: string | null
  daysPaid: number | null
  unexpiredDays: number | null
  daysInForce: number | null
  /** The exact amount before rounding, in kopecks. */
  exact: Ratio | null
  coolingOffLastDay: CalendarDate | null
  coolingOffWindowEnd: CalendarDate | null
  payoutDeadline: Deadline | null
  /** The day the payout deadline counts from: receipt, or the postmark when the rules say so. */
  payoutCountedFrom: CalendarDate | null
  /** An application after the term served on an event ground: the last day of the limitation period. */
  limitationEnd: CalendarDate | null
}

export interface RefundResult {
  eligible: boolean
  /** i18n key under `termination.reason` when not eligible. */
  reason?: string
  terminationDate: CalendarDate
  refundKopecks: number
  /** Last day to pay the refund; null when nothing is due. */
  payoutDueDate: CalendarDate | null
  /** Rules values used that are not verified (dotted paths in termination-rules); the UI shows a warning. */
  unverifiedRules: string[]
  detail: RefundDetail
}

/**
 * Refund on early termination of OSAGO (docs/domain/product-decisions.md#osago-refund,
 * docs/domain/terminations-and-refunds.md#d1 and #d2), on refusal within the cooling-off period (#d4), and on the end
 * of CASCO by sale, by loss not by an insured event, or by refusal after the cooling-off (GK RF art. 958, #d3). Pure:
 * the rules version and the production calendar are passed in.
 */
export function calculateRefund(
  request: RefundRequest,
  rules: TerminationRules,
  calendar: WorkingDayCalendar,
): RefundResult {
  const filedOn = validateCommon(request)
  const used = new UsedRules()
  const payoutFrom = payoutCountedFrom(request, rules, used)
  const ctx: Ctx = { r: request, rules, calendar, used, filedOn, payoutFrom }
  switch (request.kind) {
    case 'cooling-off':
      return coolingOffRefund(ctx)
    case 'osago-early-termination':
      return osagoRefund(ctx)
    case 'casco-sale':
      return cascoRefund(ctx, 'cascoSale', rules.cascoSale, 'casco-sale')
    case 'casco-loss':
      return cascoRefund(ctx, 'cascoLoss', rules.cascoLoss, 'casco-loss')
    case 'casco-refusal':
      return cascoRefund(ctx, 'cascoRefusal', rules.cascoRefusal, 'casco-refusal')
  }
}

interface Ctx {
  r: RefundRequest
  rules: TerminationRules
  calendar: WorkingDayCalendar
  used: UsedRules
  filedOn: CalendarDate
  payoutFrom: CalendarDate
}

const DATE_FIELDS = [
  'conclusionDate',
  'contractStart',
  'contractEnd',
  'applicationDate',
  'postmarkDate',
  'eventDate',
  'requestedTerminationDate',
] as const

/** Checks what every kind shares and returns the filing date. */
function validateCommon(r: RefundRequest): CalendarDate {
  if (!Number.isSafeInteger(r.premiumKopecks) || r.premiumKopecks < 0) {
    throw new TerminationInputError('premiumKopecks', 'termination.error.premiumNotKopecks')
  }
  for (const field of DATE_FIELDS) {
    const value = r[field]
    if (value !== undefined && !isCalendarDate(value))
      throw new TerminationInputError(field, 'termination.error.dateFormat')
  }
  if (r.contractEnd < r.contractStart)
    throw new TerminationInputError('contractEnd', 'termination.error.termEndsBeforeStart')
  // A letter cannot be received before it was posted.
  if (r.postmarkDate !== undefined && r.postmarkDate > r.applicationDate) {
    throw new TerminationInputError('postmarkDate', 'termination.error.postmarkAfterReceipt')
  }
  const filedOn = r.postmarkDate ?? r.applicationDate
  if (r.conclusionDate !== undefined && filedOn < r.conclusionDate) {
    throw new TerminationInputError(
      r.postmarkDate !== undefined ? 'postmarkDate' : 'applicationDate',
      'termination.error.applicationBeforeConclusion',
    )
  }
  if (r.requestedTerminationDate !== undefined && r.kind !== 'cooling-off') {
    throw new TerminationInputError('requestedTerminationDate', 'termination.error.requestedDateNotApplicable')
  }
  return filedOn
}

function payoutCountedFrom(r: RefundRequest, rules: TerminationRules, used: UsedRules): CalendarDate {
  if (r.postmarkDate === undefined) return r.applicationDate
  return used.take('postedApplication', rules.postedApplication).payoutDeadlineFrom === 'postmark-date'
    ? r.postmarkDate
    : r.applicationDate
}

const EMPTY = {
  formula: null,
  share: null,
  daysPaid: null,
  unexpiredDays: null,
  daysInForce: null,
  exact: null,
  coolingOffLastDay: null,
  coolingOffWindowEnd: null,
  payoutDeadline: null,
  payoutCountedFrom: null,
  limitationEnd: null,
} as const

function notEligible(
  c: Ctx,
  reason: string,
  terminationDate: CalendarDate,
  detail: Partial<RefundDetail> & Pick<RefundDetail, 'terminationDateRule'>,
): RefundResult {
  return {
    eligible: false,
    reason,
    terminationDate,
    refundKopecks: 0,
    payoutDueDate: null,
    unverifiedRules: c.used.list,
    detail: { ...EMPTY, filedOn: c.filedOn, refundRule: 'formula', ...detail },
  }
}

/** The event the application reports ends the contract; it cannot postdate the application or predate the contract. */
function eventTerminationDate(c: Ctx): CalendarDate {
  const { r } = c
  if (r.eventDate === undefined) throw new TerminationInputError('eventDate', 'termination.error.eventDateRequired')
  if (r.eventDate > c.filedOn) throw new TerminationInputError('eventDate', 'termination.error.eventAfterApplication')
  if (r.conclusionDate !== undefined && r.eventDate < r.conclusionDate) {
    throw new TerminationInputError('eventDate', 'termination.error.eventBeforeConclusion')
  }
  return r.eventDate
}

/**
 * Whether an application can still be served, and until when. On a ground that ends the contract on the day the
 * application is filed, an application after the term has nothing left to end. On an event ground the contract
 * ended on the event, inside the term, so an application after the term (heirs wait for the inheritance papers) is
 * served within the limitation period counted from the termination date (GK RF arts. 196, 200; data).
 */
function afterTerm(
  c: Ctx,
  rule: TerminationDateRule,
  terminationDate: CalendarDate,
): { reason: string | null; limitationEnd: CalendarDate | null } {
  const { r } = c
  if (rule === 'application-date')
    return {
      reason: c.filedOn > r.contractEnd ? 'termination.reason.applicationAfterTermEnd' : null,
      limitationEnd: null,
    }
  if (terminationDate > r.contractEnd) return { reason: 'termination.reason.eventAfterTermEnd', limitationEnd: null }
  if (c.filedOn <= r.contractEnd) return { reason: null, limitationEnd: null }
  const period = c.used.take('limitationPeriod', c.rules.limitationPeriod)
  const lastDay = addYears(terminationDate, period.years)
  // Only a filing past the plain last day needs the calendar: moving the day off a holiday can only extend it.
  if (c.filedOn <= lastDay) return { reason: null, limitationEnd: lastDay }
  const end = period.lastDayNonWorking === 'next-working-day' ? c.calendar.nextWorkingDay(lastDay) : lastDay
  return { reason: c.filedOn > end ? 'termination.reason.limitationExpired' : null, limitationEnd: end }
}

function osagoRefund(c: Ctx): RefundResult {
  const { r, rules, used } = c
  if (r.ground === undefined) throw new TerminationInputError('ground', 'termination.error.groundRequired')
  const ground = rules.osago.grounds[r.ground]
  const rule = used.take(`osago.grounds.${r.ground}.terminationDate`, ground.terminationDate)
  // An event date given for a ground that ends on the filing date is not what decides: the data may switch rules.
  const terminationDate = rule === 'event-date' ? eventTerminationDate(c) : c.filedOn
  if (r.periodsOfUse !== undefined) validatePeriodsOfUse(r.periodsOfUse, r.contractStart, r.contractEnd)

  const served = afterTerm(c, rule, terminationDate)
  if (served.reason)
    return notEligible(c, served.reason, terminationDate, {
      terminationDateRule: rule,
      limitationEnd: served.limitationEnd,
    })

  const refundRule = used.take(`osago.grounds.${r.ground}.refund`, ground.refund)
  if (refundRule === 'none') return noRefund(c, terminationDate, rule, served.limitationEnd)

  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, terminationDate, r.periodsOfUse)
  const riskShare = used.take('osago.riskShare', rules.osago.riskShare)
  const exact = multiply(r.premiumKopecks, riskShare, fraction(unexpiredDays, totalDays))
  const deadline = used.take('osago.payoutDeadline', rules.osago.payoutDeadline)
  const payoutDueDate = deadlineDate(c.payoutFrom, deadline, c.calendar)
  return {
    eligible: true,
    terminationDate,
    refundKopecks: roundHalfUp(exact),
    payoutDueDate,
    unverifiedRules: used.list,
    detail: {
      ...EMPTY,
      filedOn: c.filedOn,
      terminationDateRule: rule,
      refundRule: 'formula',
      formula: r.periodsOfUse ? 'osago-periods' : 'osago',
      share: riskShare,
      daysPaid: totalDays,
      unexpiredDays,
      exact,
      payoutDeadline: deadline,
      payoutCountedFrom: c.payoutFrom,
      limitationEnd: served.limitationEnd,
    },
  }
}

/** The contract ends but the rules return nothing on this ground: eligible, with nothing to pay and no deadline. */
function noRefund(
  c: Ctx,
  terminationDate: CalendarDate,
  rule: TerminationDateRule,
  limitationEnd: CalendarDate | null,
): RefundResult {
  return {
    eligible: true,
    terminationDate,
    refundKopecks: 0,
    payoutDueDate: null,
    unverifiedRules: c.used.list,
    detail: { ...EMPTY, filedOn: c.filedOn, terminationDateRule: rule, refundRule: 'none', limitationEnd },
  }
}

function coolingOffRefund(c: Ctx): RefundResult {
  const { r, rules, used } = c
  if (r.conclusionDate === undefined)
    throw new TerminationInputError('conclusionDate', 'termination.error.conclusionDateRequired')
  if (r.ground !== undefined) throw new TerminationInputError('ground', 'termination.error.groundNotApplicable')
  if (r.eventDate !== undefined)
    throw new TerminationInputError('eventDate', 'termination.error.eventDateNotApplicable')
  if (r.periodsOfUse !== undefined)
    throw new TerminationInputError('periodsOfUse', 'termination.error.periodsOfUseNotApplicable')
  const co = rules.coolingOff

  const window = coolingOffWindow(
    r.conclusionDate,
    used.take('coolingOff.windowDays', co.windowDays),
    used.take('coolingOff.windowLastDayNonWorking', co.windowLastDayNonWorking),
    c.calendar,
  )
  const windowFacts = { coolingOffLastDay: window.lastDay, coolingOffWindowEnd: window.windowEnd }
  if (c.filedOn > window.windowEnd) {
    return notEligible(c, 'termination.reason.coolingOffWindowPassed', c.filedOn, {
      terminationDateRule: 'application-date',
      ...windowFacts,
    })
  }
  // The refusal takes effect on the filing date, or on a later day inside the window the client asks for (3854-U).
  let terminationDate = c.filedOn
  let rule: RefundDetail['terminationDateRule'] = 'application-date'
  const asked = r.requestedTerminationDate
  if (asked !== undefined) {
    if (!used.take('coolingOff.laterDateOnRequest', co.laterDateOnRequest)) {
      throw new TerminationInputError('requestedTerminationDate', 'termination.error.requestedDateNotAllowed')
    }
    if (asked < c.filedOn)
      throw new TerminationInputError('requestedTerminationDate', 'termination.error.requestedDateBeforeFiling')
    if (asked > window.windowEnd)
      throw new TerminationInputError('requestedTerminationDate', 'termination.error.requestedDateAfterWindow')
    if (asked > c.filedOn) {
      terminationDate = asked
      rule = 'requested-date'
    }
  }

  const totalDays = daysInclusive(r.contractStart, r.contractEnd)
  const beforeCover = terminationDate < r.contractStart
  const daysInForce = beforeCover ? 0 : Math.min(daysInclusive(r.contractStart, terminationDate), totalDays)
  // premium − premium × inForce / total, as one exact ratio so that only the final amount is rounded.
  const exact = fraction(BigInt(r.premiumKopecks) * BigInt(totalDays - daysInForce), totalDays)
  const deadline = used.take('coolingOff.payoutDeadline', co.payoutDeadline)
  return {
    eligible: true,
    terminationDate,
    refundKopecks: roundHalfUp(exact),
    payoutDueDate: deadlineDate(c.payoutFrom, deadline, c.calendar),
    unverifiedRules: used.list,
    detail: {
      ...EMPTY,
      ...windowFacts,
      filedOn: c.filedOn,
      terminationDateRule: rule,
      refundRule: 'formula',
      formula: beforeCover ? 'cooling-off-before-cover' : 'cooling-off',
      daysPaid: totalDays,
      daysInForce,
      exact,
      payoutDeadline: deadline,
      payoutCountedFrom: c.payoutFrom,
    },
  }
}

/**
 * CASCO ended by sale or by loss (GK RF art. 958 p. 1: the insurer keeps the premium for the time in force, less the
 * expense share of the rules), or refused after the cooling-off (958 p. 2–3: nothing comes back unless the rules
 * say otherwise). refund = premium × (1 − expense share) × unexpired days / days in the term.
 */
function cascoRefund(
  c: Ctx,
  path: 'cascoSale' | 'cascoLoss' | 'cascoRefusal',
  rules: CascoCaseRule,
  formula: RefundFormula,
): RefundResult {
  const { r, used } = c
  if (r.ground !== undefined) throw new TerminationInputError('ground', 'termination.error.groundNotApplicable')
  if (r.periodsOfUse !== undefined)
    throw new TerminationInputError('periodsOfUse', 'termination.error.periodsOfUseNotApplicable')
  const rule = used.take(`${path}.terminationDate`, rules.terminationDate)
  const terminationDate = rule === 'event-date' ? eventTerminationDate(c) : c.filedOn

  const served = afterTerm(c, rule, terminationDate)
  if (served.reason)
    return notEligible(c, served.reason, terminationDate, {
      terminationDateRule: rule,
      limitationEnd: served.limitationEnd,
    })

  const refundRule = used.take(`${path}.refundRule`, rules.refundRule)
  if (refundRule.method === 'none') return noRefund(c, terminationDate, rule, served.limitationEnd)
  const kept = ratio(refundRule.expenseShare)
  const share = fraction(kept.den - kept.num, kept.den)
  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, terminationDate)
  const exact = multiply(r.premiumKopecks, share, fraction(unexpiredDays, totalDays))
  const deadline = used.take(`${path}.payoutDeadline`, rules.payoutDeadline)
  return {
    eligible: true,
    terminationDate,
    refundKopecks: roundHalfUp(exact),
    payoutDueDate: deadlineDate(c.payoutFrom, deadline, c.calendar),
    unverifiedRules: used.list,
    detail: {
      ...EMPTY,
      filedOn: c.filedOn,
      terminationDateRule: rule,
      refundRule: 'formula',
      formula,
      share: decimalOf(share),
      daysPaid: totalDays,
      unexpiredDays,
      exact,
      payoutDeadline: deadline,
      payoutCountedFrom: c.payoutFrom,
      limitationEnd: served.limitationEnd,
    },
  }
}

/** 1 − a decimal share is again a decimal with a power-of-ten denominator: write it the same way. */
export function decimalOf(r: Ratio): string {
  const digits = String(r.den).length - 1
  if (digits === 0) return String(r.num / r.den)
  const s = String(r.num).padStart(digits + 1, '0')
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, '') || '0'
}
