import { addDays, daysInclusive, type CalendarDate } from '../dates/calendarDate'
import { fraction, multiply, ratio, type Ratio } from '../money/exact'
import type { ApplicationKind, CascoSaleChoice, ContractProduct, PolicyholderType } from './application'
import { KINDS_BY_PRODUCT } from './application'
import { cascoSaleRefundKopecks } from './cascoSaleRefund'
import { coolingOffWindow } from './coolingOffWindow'
import { deadlineDate } from './deadlines'
import { needsSupervisorApproval } from './documentChecklist'
import { TerminationInputError } from './errors'
import { unexpiredShare, type UsePeriod } from './periodsOfUse'
import { calculateRefund } from './refund'
import type { Deadline, TerminationGround, TerminationRules } from './rulesSchema'
import { UsedRules } from './usedRules'
import type { WorkingDayCalendar } from './workingDayCalendar'

/** Everything an application's refund depends on: the contract, the application and the applicant's statements. */
export interface ApplicationRefundRequest {
  product: ContractProduct
  kind: ApplicationKind
  ground: TerminationGround | null
  policyholderType: PolicyholderType
  premiumKopecks: number
  conclusionDate: CalendarDate
  contractStart: CalendarDate
  contractEnd: CalendarDate
  /** The day the branch received the application. */
  applicationDate: CalendarDate
  eventDate: CalendarDate | null
  periodsOfUse: readonly UsePeriod[] | null
  insuredEventOccurred: boolean
  cascoChoice: CascoSaleChoice | null
}

export type RefundFormula = 'osago' | 'osago-periods' | 'cooling-off-before-cover' | 'cooling-off' | 'casco-sale'

/**
 * A refund as stored on the application and shown to the client: the result, and every number of the formula
 * that produced it, so the screen and the calculation sheet can write the formula out with its values.
 */
export interface RefundCalculation {
  kind: ApplicationKind
  ground: TerminationGround | null
  /** The termination-rules version in force on the contract's conclusion date. */
  rulesVersion: string
  premiumKopecks: number
  conclusionDate: CalendarDate
  contractStart: CalendarDate
  contractEnd: CalendarDate
  applicationDate: CalendarDate
  eventDate: CalendarDate | null
  periodsOfUse: UsePeriod[] | null
  /** `reissue`: the CASCO goes to the new owner; nothing ends and nothing is refunded. */
  outcome: 'refund' | 'not-eligible' | 'reissue'
  eligible: boolean
  /** i18n key under `termination.reason` when not eligible. */
  reason: string | null
  /** Null for a re-issue. */
  terminationDate: CalendarDate | null
  /** Which date rule gave the termination date (OSAGO grounds); cooling-off and CASCO use the application date. */
  terminationDateRule: 'application-date' | 'event-date' | null
  formula: RefundFormula | null
  /** The share of the premium refunded pro rata: the OSAGO risk share, or 1 − the CASCO expense share. */
  share: string | null
  /** Days the premium paid for: the term, or the days of the periods of use. */
  daysPaid: number | null
  /** OSAGO and CASCO sale: days paid for after the termination date. */
  unexpiredDays: number | null
  /** Cooling-off after cover started: the start day to the termination day, both included. */
  daysInForce: number | null
  /** Cooling-off: day 14 and the last day a refusal is accepted (moved past non-working days by the rules). */
  coolingOffLastDay: CalendarDate | null
  coolingOffWindowEnd: CalendarDate | null
  /** The exact amount before rounding, in kopecks, as a reduced fraction. */
  exactKopecks: { num: string; den: string } | null
  refundKopecks: number
  payoutDeadline: Deadline | null
  payoutDueDate: CalendarDate | null
  needsApproval: boolean
  approvalThresholdKopecks: number
  unverifiedRules: string[]
}

/**
 * The refund for an application at the counter (issue 5): OSAGO early termination and cooling-off through
 * `calculateRefund`, CASCO after a sale through `cascoSaleRefundKopecks`, plus the conditions the pure calculators
 * leave to the caller — the kind must suit the contract, cooling-off is for individuals without an insured event
 * (3854-U), and a CASCO the client re-issues to the new owner refunds nothing. The day counts returned are the
 * ones the calculators use (tests check that they reproduce the amount).
 */
export function calculateApplicationRefund(
  r: ApplicationRefundRequest,
  rules: TerminationRules,
  rulesVersion: string,
  calendar: WorkingDayCalendar,
): RefundCalculation {
  if (!KINDS_BY_PRODUCT[r.product].includes(r.kind)) throw new TerminationInputError('kind', 'termination.problem.kindNotForContract')
  const base = {
    kind: r.kind,
    ground: r.ground,
    rulesVersion,
    premiumKopecks: r.premiumKopecks,
    conclusionDate: r.conclusionDate,
    contractStart: r.contractStart,
    contractEnd: r.contractEnd,
    applicationDate: r.applicationDate,
    eventDate: r.eventDate,
    periodsOfUse: r.periodsOfUse ? [...r.periodsOfUse] : null,
    approvalThresholdKopecks: rules.supervisorApproval.refundThresholdKopecks.value,
  }
  const none = {
    terminationDateRule: null, formula: null, share: null, daysPaid: null, unexpiredDays: null, daysInForce: null,
    coolingOffLastDay: null, coolingOffWindowEnd: null, exactKopecks: null, payoutDeadline: null, payoutDueDate: null,
    needsApproval: false,
  }
  if (r.kind === 'casco-sale') return cascoSale(r, rules, calendar, base, none)
  if (r.kind === 'cooling-off') return coolingOff(r, rules, calendar, base, none)
  return osago(r, rules, calendar, base)
}

type Base = Pick<RefundCalculation, 'kind' | 'ground' | 'rulesVersion' | 'premiumKopecks' | 'conclusionDate' | 'contractStart'
  | 'contractEnd' | 'applicationDate' | 'eventDate' | 'periodsOfUse' | 'approvalThresholdKopecks'>
type None = Pick<RefundCalculation, 'terminationDateRule' | 'formula' | 'share' | 'daysPaid' | 'unexpiredDays' | 'daysInForce'
  | 'coolingOffLastDay' | 'coolingOffWindowEnd' | 'exactKopecks' | 'payoutDeadline' | 'payoutDueDate' | 'needsApproval'>

function exact(r: Ratio): { num: string; den: string } {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
  const g = gcd(r.num < 0n ? -r.num : r.num, r.den) || 1n
  return { num: String(r.num / g), den: String(r.den / g) }
}

function approval(refundKopecks: number, rules: TerminationRules): boolean {
  return needsSupervisorApproval(refundKopecks, rules)
}

function osago(r: ApplicationRefundRequest, rules: TerminationRules, calendar: WorkingDayCalendar, base: Base): RefundCalculation {
  const result = calculateRefund({
    kind: 'osago-early-termination',
    ...(r.ground === null ? {} : { ground: r.ground }),
    premiumKopecks: r.premiumKopecks,
    conclusionDate: r.conclusionDate,
    contractStart: r.contractStart,
    contractEnd: r.contractEnd,
    applicationDate: r.applicationDate,
    ...(r.eventDate === null ? {} : { eventDate: r.eventDate }),
    ...(r.periodsOfUse === null ? {} : { periodsOfUse: r.periodsOfUse }),
  }, rules, calendar)
  const rule = rules.osago.grounds[r.ground!].terminationDate.value
  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, result.terminationDate, r.periodsOfUse ?? undefined)
  const share = rules.osago.riskShare.value
  return {
    ...base,
    outcome: result.eligible ? 'refund' : 'not-eligible',
    eligible: result.eligible,
    reason: result.reason ?? null,
    terminationDate: result.terminationDate,
    terminationDateRule: rule,
    formula: r.periodsOfUse ? 'osago-periods' : 'osago',
    share,
    daysPaid: totalDays,
    unexpiredDays: result.eligible ? unexpiredDays : null,
    daysInForce: null,
    coolingOffLastDay: null,
    coolingOffWindowEnd: null,
    exactKopecks: result.eligible ? exact(multiply(r.premiumKopecks, share, fraction(unexpiredDays, totalDays))) : null,
    refundKopecks: result.refundKopecks,
    payoutDeadline: result.eligible ? rules.osago.payoutDeadline.value : null,
    payoutDueDate: result.payoutDueDate,
    needsApproval: approval(result.refundKopecks, rules),
    unverifiedRules: result.unverifiedRules,
  }
}

function coolingOff(r: ApplicationRefundRequest, rules: TerminationRules, calendar: WorkingDayCalendar, base: Base, none: None): RefundCalculation {
  const result = calculateRefund({
    kind: 'cooling-off',
    premiumKopecks: r.premiumKopecks,
    conclusionDate: r.conclusionDate,
    contractStart: r.contractStart,
    contractEnd: r.contractEnd,
    applicationDate: r.applicationDate,
  }, rules, calendar)
  const window = coolingOffWindow(r.conclusionDate, rules.coolingOff.windowDays.value, rules.coolingOff.windowLastDayNonWorking.value, calendar)
  const windowFacts = { coolingOffLastDay: window.lastDay, coolingOffWindowEnd: window.windowEnd }
  // 3854-U covers individuals only, and only while no insured event has occurred.
  const refusal = r.policyholderType !== 'individual' ? 'termination.reason.coolingOffIndividualsOnly'
    : r.insuredEventOccurred ? 'termination.reason.insuredEventOccurred'
      : result.eligible ? null : result.reason ?? 'termination.reason.coolingOffWindowPassed'
  if (refusal !== null) {
    return { ...base, ...none, ...windowFacts, outcome: 'not-eligible', eligible: false, reason: refusal, terminationDate: result.terminationDate,
      refundKopecks: 0, unverifiedRules: result.unverifiedRules }
  }
  const daysPaid = daysInclusive(r.contractStart, r.contractEnd)
  const beforeCover = result.terminationDate < r.contractStart
  const daysInForce = beforeCover ? 0 : Math.min(daysInclusive(r.contractStart, result.terminationDate), daysPaid)
  return {
    ...base,
    ...none,
    ...windowFacts,
    outcome: 'refund',
    eligible: true,
    reason: null,
    terminationDate: result.terminationDate,
    terminationDateRule: 'application-date',
    formula: beforeCover ? 'cooling-off-before-cover' : 'cooling-off',
    daysPaid,
    daysInForce,
    exactKopecks: exact(fraction(BigInt(r.premiumKopecks) * BigInt(daysPaid - daysInForce), daysPaid)),
    refundKopecks: result.refundKopecks,
    payoutDeadline: rules.coolingOff.payoutDeadline.value,
    payoutDueDate: result.payoutDueDate,
    needsApproval: approval(result.refundKopecks, rules),
    unverifiedRules: result.unverifiedRules,
  }
}

function cascoSale(r: ApplicationRefundRequest, rules: TerminationRules, calendar: WorkingDayCalendar, base: Base, none: None): RefundCalculation {
  if (r.applicationDate < r.conclusionDate) throw new TerminationInputError('applicationDate', 'termination.error.applicationBeforeConclusion')
  if (r.cascoChoice === 'reissue') {
    return { ...base, ...none, outcome: 'reissue', eligible: true, reason: null, terminationDate: null, refundKopecks: 0, unverifiedRules: [] }
  }
  const used = new UsedRules()
  const rule = used.take('cascoSale.refundRule', rules.cascoSale.refundRule)
  // The risk ends on the day the insurer learns of the sale from the application (the sale contract attached).
  const terminationDate = r.applicationDate
  if (r.applicationDate > r.contractEnd) {
    return { ...base, ...none, outcome: 'not-eligible', eligible: false, reason: 'termination.reason.applicationAfterTermEnd', terminationDate,
      terminationDateRule: 'application-date', refundKopecks: 0, unverifiedRules: used.list }
  }
  const refundKopecks = cascoSaleRefundKopecks({ premiumKopecks: r.premiumKopecks, contractStart: r.contractStart, contractEnd: r.contractEnd,
    terminationDate }, rules)
  const { unexpiredDays, totalDays } = unexpiredShare(r.contractStart, r.contractEnd, terminationDate)
  const kept = ratio(rule.expenseShare)
  const share = fraction(kept.den - kept.num, kept.den)
  const deadline = used.take('cascoSale.payoutDeadline', rules.cascoSale.payoutDeadline)
  return {
    ...base,
    ...none,
    outcome: 'refund',
    eligible: true,
    reason: null,
    terminationDate,
    terminationDateRule: 'application-date',
    formula: 'casco-sale',
    share: decimalOf(share),
    daysPaid: totalDays,
    unexpiredDays,
    exactKopecks: exact(multiply(r.premiumKopecks, share, fraction(unexpiredDays, totalDays))),
    refundKopecks,
    payoutDeadline: deadline,
    payoutDueDate: deadlineDate(r.applicationDate, deadline, calendar),
    needsApproval: approval(refundKopecks, rules),
    unverifiedRules: used.list,
  }
}

/** 1 − a decimal share is again a decimal with a power-of-ten denominator: write it the same way. */
function decimalOf(r: Ratio): string {
  const digits = String(r.den).length - 1
  if (digits === 0) return String(r.num / r.den)
  const s = String(r.num).padStart(digits + 1, '0')
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, '') || '0'
}

/** The first day of the unexpired part, for the formula's text: the day after termination, or the start. */
export function unexpiredFrom(c: Pick<RefundCalculation, 'terminationDate' | 'contractStart'>): CalendarDate | null {
  if (c.terminationDate === null) return null
  const next = addDays(c.terminationDate, 1)
  return next < c.contractStart ? c.contractStart : next
}
