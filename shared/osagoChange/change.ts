import type { OsagoDraft } from '../osago/draft'
import type { BreakdownItem } from '../osago/calculator'
import type { BlankRef, OsagoPayment } from '../osago/policy'
import type { ChangePremium } from './changePremium'
import type { ChangeKindCode, ChangePath, PrintForm } from './changeRules'
import type { OsagoChangeStatus } from './lifecycle'

/** What a duplicate is recorded as: not a change of data, the same policy on a new blank. */
export type OsagoChangeKind = ChangeKindCode | 'duplicate'
export type OsagoChangePrint = PrintForm | 'duplicate'

/** The calculation of a change as stored with it: the premium formula's numbers and both breakdowns. */
export interface StoredChangeCalculation extends ChangePremium {
  /** The tariff edition in force on the conclusion date that priced the new data. */
  tariffVersion: string
  /** The rules version (osago-change-rules) the kind was read from. */
  rulesVersion: string
  breakdown: BreakdownItem[]
}

/** How a refund owed on a change leaves the branch: at the cash desk, back to the card, or by a bank transfer. */
export const REFUND_PAYOUT_METHODS = ['cash', 'card', 'bank'] as const
export type RefundPayoutMethod = (typeof REFUND_PAYOUT_METHODS)[number]

/** The refund owed on a change, as paid (osagoChange/record-refund-payout). */
export interface ChangeRefundPayout {
  method: RefundPayoutMethod
  /** The cash receipt (cash, card) or the payment order (bank) number. */
  document: string
  /** The day the money left, on the branch's calendar. */
  paidOn: string
  /** When and by whom it was recorded (staff id). */
  recordedAt: string
  recordedBy: string
}

/** The payment of an additional premium, or the refund owed (amount < 0 is recorded as due, paid later). */
export interface ChangeSettlement {
  kind: 'payment' | 'refund-due' | 'none'
  amountKopecks: number
  payment: OsagoPayment | null
  /** A refund due once paid (`kind` stays `refund-due`: what was owed); absent or null while unpaid. */
  payout?: ChangeRefundPayout | null
}

/** A change whose refund is owed and not yet paid. */
export function refundUnpaid(settlement: ChangeSettlement | null): boolean {
  return settlement?.kind === 'refund-due' && settlement.amountKopecks > 0 && !settlement.payout
}

export interface OsagoChange {
  id: string
  policyId: string
  kind: OsagoChangeKind
  status: OsagoChangeStatus
  /** How it goes on paper (from the rules at start; a duplicate is printed on its blank marked «Дубликат»). */
  print: OsagoChangePrint
  /** The kind's parts of the draft, as paths (what the screen lets the clerk edit). */
  paths: ChangePath[]
  /** The day the change takes effect. */
  effectiveDate: string
  before: OsagoDraft
  after: OsagoDraft
  calculation: StoredChangeCalculation | null
  settlement: ChangeSettlement | null
  /** A duplicate's fee (kopecks) and its source, from the rules. */
  feeKopecks: number | null
  /** The blank the policy was on before a re-issue or a duplicate (spoiled or lost now). */
  oldBlankId: string | null
  newBlank: BlankRef | null
  reason: string | null
  appliedAt: string | null
  appliedBy: string | null
  createdAt: string
  updatedAt: string
  rowVersion: number
}
