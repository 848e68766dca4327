import { addDays, type CalendarDate } from '../dates/calendarDate'
import type { Ratio } from '../money/exact'
import type { ApplicationKind, CascoSaleChoice, ContractProduct, PolicyholderType } from './application'
import { KINDS_BY_PRODUCT } from './application'
import { coolingOffWindow } from './coolingOffWindow'
import { needsSupervisorApproval } from './documentChecklist'
import { TerminationInputError } from './errors'
import { latePayoutBasis, type LatePayoutBasis } from './latePenalty'
import type { UsePeriod } from './periodsOfUse'
import { calculateRefund, type RefundDetail, type RefundFormula, type RefundResult } from './refund'
import type { Deadline, TerminationGround, TerminationRules } from './rulesSchema'
import type { WorkingDayCalendar } from './workingDayCalendar'

export type { RefundFormula } from './refund'

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
  /** By post: the postmark date (GK RF art. 194 p. 2); null when handed in at the counter. */
  postmarkDate?: CalendarDate | null
  eventDate: CalendarDate | null
  periodsOfUse: readonly UsePeriod[] | null
  insuredEventOccurred: boolean
  cascoChoice: CascoSaleChoice | null
  /** Cooling-off: a later day inside the window the client asks the contract to end on. */
  requestedTerminationDate?: CalendarDate | null
}

/**
 * A refund as stored on the application and shown to the client: the result, and every number of the formula
 * that produced it, so the screen and the calculation sheet can write the formula out with its values. Fields
 * marked optional were added by issue 9; calculations stored before it do not have them.
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
  /** The day the branch received the application. */
  applicationDate: CalendarDate
  /** A posted application's postmark date: its filing date. */
  postmarkDate?: CalendarDate | null
  /** The filing date the rules counted from (the postmark, else the day of receipt). */
  filedOn?: CalendarDate
  eventDate: CalendarDate | null
  requestedTerminationDate?: CalendarDate | null
  periodsOfUse: UsePeriod[] | null
  /**
   * `reissue`: the CASCO goes to the new owner; nothing ends and nothing is refunded. `terminated-no-refund`: the
   * contract ends and the rules return nothing on this ground.
   */
  outcome: 'refund' | 'not-eligible' | 'reissue' | 'terminated-no-refund'
  eligible: boolean
  /** i18n key under `termination.reason` when not eligible. */
  reason: string | null
  /** Null for a re-issue. */
  terminationDate: CalendarDate | null
  /** Which date rule gave the termination date. */
  terminationDateRule: RefundDetail['terminationDateRule'] | null
  formula: RefundFormula | null
  /** The share of the premium refunded pro rata: the OSAGO risk share, or 1 − the CASCO expense share. */
  share: string | null
  /** Days the premium paid for: the term, or the days of the periods of use. */
  daysPaid: number | null
  /** OSAGO and CASCO sale or loss: days paid for after the termination date. */
  unexpiredDays: number | null
  /** Cooling-off after cover started: the start day to the termination day, both included. */
  daysInForce: number | null
  /** Cooling-off: day 14 and the last day a refusal is accepted (moved past non-working days by the rules). */
  coolingOffLastDay: CalendarDate | null
  coolingOffWindowEnd: CalendarDate | null
  /** An application after the term served on an event ground: the last day of the limitation period. */
  limitationEnd?: CalendarDate | null
  /** The exact amount before rounding, in kopecks, as a reduced fraction. */
  exactKopecks: { num: string; den: string } | null
  refundKopecks: number
  payoutDeadline: Deadline | null
  /** The day the payout deadline counts from (the postmark when the rules say so). */
  payoutCountedFrom?: CalendarDate | null
  payoutDueDate: CalendarDate | null
  /** What a late payout costs and on which legal basis; null when nothing is due. */
  latePayout?: LatePayoutBasis | null
  needsApproval: boolean
  approvalThresholdKopecks: number
  unverifiedRules: string[]
}

/**
 * The refund for an application at the counter (issues 5 and 9): every kind through `calculateRefund`, plus the
 * conditions the pure calculator leaves to the caller — the kind must suit the contract; cooling-off is for
 * individuals without an insured event (3854-U), and a CASCO refusal inside that window is a cooling-off refusal;
 * liquidation is a ground for a legal-entity policyholder; a CASCO re-issued to the new owner refunds nothing.
 */
export function calculateApplicationRefund(
  r: ApplicationRefundRequest,
  rules: TerminationRules,
  rulesVersion: string,
  calendar: WorkingDayCalendar,
): RefundCalculation {
  if (!KINDS_BY_PRODUCT[r.product].includes(r.kind))
    throw new TerminationInputError('kind', 'termination.problem.kindNotForContract')
  if (r.ground === 'policyholder-liquidation' && r.policyholderType !== 'legal') {
    throw new TerminationInputError('ground', 'termination.problem.liquidationLegalOnly')
  }
  const base = {
    kind: r.kind,
    ground: r.ground,
    rulesVersion,
    premiumKopecks: r.premiumKopecks,
    conclusionDate: r.conclusionDate,
    contractStart: r.contractStart,
    contractEnd: r.contractEnd,
    applicationDate: r.applicationDate,
    postmarkDate: r.postmarkDate ?? null,
    eventDate: r.eventDate,
    requestedTerminationDate: r.requestedTerminationDate ?? null,
    periodsOfUse: r.periodsOfUse ? [...r.periodsOfUse] : null,
    approvalThresholdKopecks: rules.supervisorApproval.refundThresholdKopecks.value,
  }
  if (r.kind === 'casco-sale' && r.cascoChoice === 'reissue') {
    if ((r.postmarkDate ?? r.applicationDate) < r.conclusionDate) {
      throw new TerminationInputError(
        r.postmarkDate ? 'postmarkDate' : 'applicationDate',
        'termination.error.applicationBeforeConclusion',
      )
    }
    return {
      ...base,
      filedOn: r.postmarkDate ?? r.applicationDate,
      outcome: 'reissue',
      eligible: true,
      reason: null,
      terminationDate: null,
      terminationDateRule: null,
      formula: null,
      share: null,
      daysPaid: null,
      unexpiredDays: null,
      daysInForce: null,
      coolingOffLastDay: null,
      coolingOffWindowEnd: null,
      limitationEnd: null,
      exactKopecks: null,
      refundKopecks: 0,
      payoutDeadline: null,
      payoutCountedFrom: null,
      payoutDueDate: null,
      latePayout: null,
      needsApproval: false,
      unverifiedRules: [],
    }
  }
  if (r.kind === 'casco-refusal') refusalOutsideCoolingOff(r, rules, calendar)

  const result = calculateRefund(
    {
      kind: r.kind,
      ...(r.ground === null ? {} : { ground: r.ground }),
      premiumKopecks: r.premiumKopecks,
      conclusionDate: r.conclusionDate,
      contractStart: r.contractStart,
      contractEnd: r.contractEnd,
      applicationDate: r.applicationDate,
      ...(r.postmarkDate ? { postmarkDate: r.postmarkDate } : {}),
      ...(r.eventDate === null ? {} : { eventDate: r.eventDate }),
      ...(r.periodsOfUse === null || r.kind !== 'osago-early-termination' ? {} : { periodsOfUse: r.periodsOfUse }),
      ...(r.requestedTerminationDate ? { requestedTerminationDate: r.requestedTerminationDate } : {}),
    },
    rules,
    calendar,
  )

  // 3854-U covers individuals only, and only while no insured event has occurred.
  if (r.kind === 'cooling-off') {
    const refusal =
      r.policyholderType !== 'individual'
        ? 'termination.reason.coolingOffIndividualsOnly'
        : r.insuredEventOccurred
          ? 'termination.reason.insuredEventOccurred'
          : null
    if (refusal !== null)
      return stored(base, { ...result, eligible: false, reason: refusal, refundKopecks: 0, payoutDueDate: null }, rules)
  }
  return stored(base, result, rules)
}

type Base = Pick<
  RefundCalculation,
  | 'kind'
  | 'ground'
  | 'rulesVersion'
  | 'premiumKopecks'
  | 'conclusionDate'
  | 'contractStart'
  | 'contractEnd'
  | 'applicationDate'
  | 'postmarkDate'
  | 'eventDate'
  | 'requestedTerminationDate'
  | 'periodsOfUse'
  | 'approvalThresholdKopecks'
>

function stored(base: Base, result: RefundResult, rules: TerminationRules): RefundCalculation {
  const d = result.detail
  const outcome: RefundCalculation['outcome'] = !result.eligible
    ? 'not-eligible'
    : d.refundRule === 'none'
      ? 'terminated-no-refund'
      : 'refund'
  const paying = outcome === 'refund'
  return {
    ...base,
    filedOn: d.filedOn,
    outcome,
    eligible: result.eligible,
    reason: result.eligible ? null : (result.reason ?? null),
    terminationDate: result.terminationDate,
    terminationDateRule: d.terminationDateRule,
    formula: paying ? d.formula : null,
    share: paying ? d.share : null,
    daysPaid: paying ? d.daysPaid : null,
    unexpiredDays: paying ? d.unexpiredDays : null,
    daysInForce: paying ? d.daysInForce : null,
    coolingOffLastDay: d.coolingOffLastDay,
    coolingOffWindowEnd: d.coolingOffWindowEnd,
    limitationEnd: d.limitationEnd,
    exactKopecks: paying && d.exact ? exact(d.exact) : null,
    refundKopecks: result.refundKopecks,
    payoutDeadline: paying ? d.payoutDeadline : null,
    payoutCountedFrom: paying ? d.payoutCountedFrom : null,
    payoutDueDate: paying ? result.payoutDueDate : null,
    // The basis of the conclusion-date rules; the core names the one in force on the due date (`withLatePayoutOn`).
    latePayout: paying && result.refundKopecks > 0 ? latePayoutBasis(rules, base.rulesVersion) : null,
    needsApproval: paying && needsSupervisorApproval(result.refundKopecks, rules),
    unverifiedRules: result.unverifiedRules,
  }
}

/**
 * Inside the cooling-off window an individual without an insured event refuses with a refund (3854-U), so the same
 * refusal must not go through GK RF art. 958 p. 3, which may return nothing.
 */
function refusalOutsideCoolingOff(
  r: ApplicationRefundRequest,
  rules: TerminationRules,
  calendar: WorkingDayCalendar,
): void {
  if (r.policyholderType !== 'individual' || r.insuredEventOccurred) return
  const filedOn = r.postmarkDate ?? r.applicationDate
  const { windowEnd } = coolingOffWindow(
    r.conclusionDate,
    rules.coolingOff.windowDays.value,
    rules.coolingOff.windowLastDayNonWorking.value,
    calendar,
  )
  if (filedOn <= windowEnd) throw new TerminationInputError('kind', 'termination.problem.coolingOffApplies')
}

function exact(r: Ratio): { num: string; den: string } {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))
  const g = gcd(r.num < 0n ? -r.num : r.num, r.den) || 1n
  return { num: String(r.num / g), den: String(r.den / g) }
}

/**
 * The late-payout basis is the one in force when the delay would begin: HQ's selection reaches refunds already
 * calculated under older contracts. `rulesOn(date)` gives the rules version in force on a date.
 */
export function withLatePayoutOn(
  c: RefundCalculation,
  rulesOn: (date: CalendarDate) => { rules: TerminationRules; version: string },
): RefundCalculation {
  if (!c.latePayout || !c.payoutDueDate) return c
  const { rules, version } = rulesOn(c.payoutDueDate)
  return { ...c, latePayout: latePayoutBasis(rules, version) }
}

/** The first day of the unexpired part, for the formula's text: the day after termination, or the start. */
export function unexpiredFrom(c: Pick<RefundCalculation, 'terminationDate' | 'contractStart'>): CalendarDate | null {
  if (c.terminationDate === null) return null
  const next = addDays(c.terminationDate, 1)
  return next < c.contractStart ? c.contractStart : next
}
