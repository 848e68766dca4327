import { z } from 'zod'
import { formatIncomingNumber } from '../../shared/termination/incomingNumber'
import { isCalendarDate } from '../../shared/dates/calendarDate'
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  CONTRACT_PRODUCTS,
  CONTRACT_SOURCES,
  KINDS_BY_PRODUCT,
  POLICYHOLDER_TYPES,
  RECEIPT_CHANNELS,
  type ApplicationKind,
  type ApplicationStatus,
  type ContractProduct,
  type ContractSource,
} from '../../shared/termination/application'
import { LATE_PAYOUT_CONSEQUENCES, TERMINATION_GROUNDS } from '../../shared/termination/rulesSchema'
import type { RecordData } from '../records'
import {
  absent,
  firstVerdict,
  parseJson,
  required,
  sameValue,
  senderMayDecide,
  stampedBySender,
  transitionVerdict,
  unchanged,
} from './ruleKit'
import { checkSchema, documentSchema, sqlBoolean, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type RuleContext, type Verdict } from './types'
import { REFUND_APPROVERS } from '../../shared/staff/roleGroups'
import { terminationLifecycle } from '../../shared/termination/lifecycle'
import { isOsagoContract } from '../../shared/osago/lifecycle'
import { isCascoContract } from '../../shared/casco/lifecycle'

/** Where each contract source lives. */
export const CONTRACT_ENTITY: Record<ContractSource, string> = {
  osago: 'osago_policy',
  casco: 'casco_quote',
  manual: 'manual_contract',
}

/** Whether the row applied against is a contract yet: the app's own ones once issued, one entered by hand always. */
const IS_CONTRACT: Record<ContractSource, (status: unknown) => boolean> = {
  osago: isOsagoContract,
  casco: isCascoContract,
  manual: () => true,
}

const applicationSchema = z.looseObject({
  ...syncedRow,
  branch_id: z.string().min(1),
  incoming_year: z.number().int().min(2000).max(9999),
  incoming_seq: z.number().int().min(1),
  incoming_number: z.string().min(1),
  received_at: z.string().min(10),
  received_on: z.string().refine(isCalendarDate, 'a calendar date'),
  status: z.enum(APPLICATION_STATUSES),
  contract_source: z.enum(CONTRACT_SOURCES),
  contract_id: z.string().min(1),
  contract: documentSchema,
  kind: z.enum(APPLICATION_KINDS),
  details: documentSchema,
  required_documents: documentSchema,
  documents: documentSchema,
  documents_verified: sqlBoolean,
  calculation: documentSchema.nullable().optional(),
  refund_kopecks: z.number().int().min(0).nullable().optional(),
  paid_kopecks: z.number().int().min(0).nullable().optional(),
  policyholder_name: z.string(),
  contract_number: z.string().min(1),
})

/** Given at receipt, for good: the number (its trigger on the device), the contract, who received it and when. */
const FIXED = [
  'branch_id',
  'incoming_year',
  'incoming_seq',
  'incoming_number',
  'received_at',
  'received_on',
  'received_by',
  'contract_source',
  'contract_id',
  'contract',
  'contract_number',
] as const
/** What completion decided: the terms and the documents it was calculated on, and the calculation. */
const COMPLETED = [
  'kind',
  'details',
  'required_documents',
  'documents',
  'documents_verified',
  'calculation',
  'refund_kopecks',
  'payout_due_on',
  'completed_at',
  'completed_by',
] as const

/**
 * After completion the only change that keeps the status: a calendar update moved the payout deadline. Nothing
 * else completion decided changes, and the move comes with its notice (`deadline_changes`, last entry: from the
 * date before to the date after).
 */
function deadlineMoved(before: RecordData, after: RecordData): Verdict {
  const fixed = unchanged(
    before,
    after,
    COMPLETED.filter((f) => f !== 'payout_due_on'),
  )
  if (fixed || sameValue(before.payout_due_on, after.payout_due_on)) return fixed
  const changes = parseJson(after.deadline_changes)
  const last = (Array.isArray(changes) ? changes[changes.length - 1] : undefined) as
    { previous?: unknown; current?: unknown } | undefined
  if (
    typeof after.payout_due_on !== 'string' ||
    !isCalendarDate(after.payout_due_on) ||
    last?.previous !== before.payout_due_on ||
    last?.current !== after.payout_due_on
  ) {
    return reject('invalid-data', {
      field: 'deadline_changes',
      message: 'a payout deadline moves only with its notice',
    })
  }
  return null
}

/** What each status carries: the device's `termination_shape` trigger (migration 20261121000005), at HQ. */
function statusShape(after: RecordData, status: ApplicationStatus): Verdict {
  const msg = `an application ${status} carries what that status means`
  switch (status) {
    case 'received':
      return absent(after, ['calculation', 'paid_on', 'refused_at'], msg)
    case 'calculated':
    case 'closed':
      return required(after, ['calculation', 'completed_at'], msg) ?? absent(after, ['paid_on', 'refused_at'], msg)
    case 'approved':
      return required(after, ['calculation', 'approved_at'], msg) ?? absent(after, ['paid_on', 'refused_at'], msg)
    case 'paid':
      return (
        required(after, ['calculation', 'paid_on', 'payment_document', 'paid_kopecks'], msg) ??
        absent(after, ['refused_at'], msg)
      )
    case 'refused':
      return required(after, ['refused_at', 'refusal_reason'], msg) ?? absent(after, ['paid_on'], msg)
  }
}

/** Approval is needed exactly when the calculation says so (a refund above the threshold). */
function approvalRule(after: RecordData, from: ApplicationStatus, to: ApplicationStatus): Verdict {
  if (from !== 'calculated' || (to !== 'approved' && to !== 'paid')) return null
  const calc = parseJson(after.calculation) as { needsApproval?: unknown } | undefined
  if (!calc || typeof calc.needsApproval !== 'boolean') {
    return reject('invalid-data', { field: 'calculation', message: 'the calculation says whether approval is needed' })
  }
  if (calc.needsApproval !== (to === 'approved')) return reject('bad-transition', { from, to })
  return null
}

/** The staff column each move stamps with the person who made it. */
function stampOf(from: ApplicationStatus, to: ApplicationStatus): string | null {
  if (to === 'refused') return 'refused_by' // refuse-application, or a completion that found the client not eligible
  if (from === 'received' && (to === 'calculated' || to === 'closed')) return 'completed_by'
  if (to === 'approved') return 'approved_by'
  if (to === 'paid') return 'paid_by'
  return null
}

/** An approval is a supervisor's, and never of the clerk who received the application (four eyes). */
async function approvedBySupervisor(ctx: RuleContext, after: RecordData): Promise<Verdict> {
  if (after.approved_by !== ctx.changedBy) return reject('approver-not-sender', {})
  const supervisor = await senderMayDecide(ctx, REFUND_APPROVERS)
  if (supervisor) return supervisor
  if (after.approved_by === after.received_by) return reject('approver-is-author', {})
  return null
}

/**
 * The contract applied against: a contract of this branch that HQ holds (the device applies only to its own
 * records, so the contract's changes travel first or came from HQ), issued if it is one of the app's own. Until
 * HQ holds it, the application waits.
 */
async function contractOfBranch(ctx: RuleContext, after: RecordData): Promise<Verdict> {
  const entity = CONTRACT_ENTITY[after.contract_source as ContractSource]
  const contract = await ctx.lookup(entity, String(after.contract_id))
  if (!contract) return defer('subject-unknown', { entity })
  if (contract.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  if (!IS_CONTRACT[after.contract_source as ContractSource](contract.data.status)) {
    return reject('contract-not-issued', { entity })
  }
  const snapshot = parseJson(after.contract) as { id?: unknown; source?: unknown } | undefined
  if (!snapshot || snapshot.id !== after.contract_id || snapshot.source !== after.contract_source) {
    return reject('invalid-data', {
      field: 'contract',
      message: 'the snapshot is of the contract the application names',
    })
  }
  return null
}

/**
 * What the application asks (issue 9): the kind suits the contract's product; a ground only on OSAGO and one the
 * rules know; a posted application's postmark no later than its receipt; a later end date only on a cooling-off
 * refusal and not before the filing; an event no later than the filing. Details stored before issue 9 carry no
 * receipt or end date and pass as handed in at the counter.
 */
function askedWhatItMay(after: RecordData): Verdict {
  const bad = (field: string, message: string) => reject('invalid-data', { field, message })
  const kind = after.kind as ApplicationKind
  const details = parseJson(after.details) as Record<string, unknown> | undefined
  if (!details || typeof details !== 'object' || Array.isArray(details))
    return bad('details', 'the details are a JSON object')
  if (details.kind !== undefined && details.kind !== kind)
    return bad('details', 'the details are of the application’s kind')
  const ground = details.ground ?? null
  if (
    ground !== null &&
    (kind !== 'osago-early-termination' || !(TERMINATION_GROUNDS as readonly unknown[]).includes(ground))
  ) {
    return bad('details', 'a ground the rules know, on an OSAGO early termination only')
  }
  const receivedOn = String(after.received_on)
  let filedOn = receivedOn
  const receipt = details.receipt as { channel?: unknown; postmarkDate?: unknown } | undefined
  if (receipt !== undefined) {
    if (!(RECEIPT_CHANNELS as readonly unknown[]).includes(receipt.channel))
      return bad('details', 'received in person or by post')
    if (receipt.channel === 'post') {
      if (
        typeof receipt.postmarkDate !== 'string' ||
        !isCalendarDate(receipt.postmarkDate) ||
        receipt.postmarkDate > receivedOn
      ) {
        return bad('details', 'a posted application has a postmark no later than its receipt')
      }
      filedOn = receipt.postmarkDate
    }
  }
  const requested = details.requestedTerminationDate ?? null
  if (
    requested !== null &&
    (kind !== 'cooling-off' || typeof requested !== 'string' || !isCalendarDate(requested) || requested < filedOn)
  ) {
    return bad('details', 'a later end date only on a cooling-off refusal, not before the filing')
  }
  const eventDate = details.eventDate ?? null
  if (eventDate !== null && (typeof eventDate !== 'string' || !isCalendarDate(eventDate) || eventDate > filedOn)) {
    return bad('details', 'the event is no later than the filing')
  }
  const snapshot = parseJson(after.contract) as { product?: unknown } | undefined
  const product = snapshot?.product as ContractProduct | undefined
  if (product !== undefined && (!KINDS_BY_PRODUCT[product] || !KINDS_BY_PRODUCT[product].includes(kind))) {
    return bad('kind', 'a kind of application the contract allows')
  }
  return null
}

/**
 * A payout after the due date stores what the delay cost and on which basis, matching the amount paid for it. A row
 * from a device before migration 20261205000012 has no `late_payout` column at all and is judged as before.
 */
function latePayoutRecorded(after: RecordData): Verdict {
  const penalty = Number(after.penalty_kopecks ?? 0)
  if (after.status !== 'paid' || penalty === 0 || !('late_payout' in after)) return null
  const late = parseJson(after.late_payout) as { consequence?: unknown; amountKopecks?: unknown } | undefined
  if (
    !late ||
    !(LATE_PAYOUT_CONSEQUENCES as readonly unknown[]).includes(late.consequence) ||
    late.amountKopecks !== penalty
  ) {
    return reject('invalid-data', { field: 'late_payout', message: 'a late payout names its basis and amount' })
  }
  return null
}

/** Incoming numbers are this branch's, in its own series: `<branch>-<year>-<seq>` (core/termination/incomingNumber.ts). */
function numberedHere(ctx: RuleContext, after: RecordData): Verdict {
  if (after.branch_id !== ctx.branch.recordId) return reject('wrong-branch', { branch: ctx.branch.code })
  if (
    after.incoming_number !==
    formatIncomingNumber(ctx.branch.code, Number(after.incoming_year), Number(after.incoming_seq))
  ) {
    return reject('invalid-data', { field: 'incoming_number', message: 'the number does not follow the branch series' })
  }
  if (Number(after.incoming_year) !== Number(String(after.received_on).slice(0, 4))) {
    return reject('invalid-data', { field: 'incoming_year', message: 'numbered in the year of receipt' })
  }
  return null
}

/**
 * Termination applications: the moves are shared/termination/lifecycle.ts; here, what each status carries, what a
 * move may not change, whether approval was needed, who stamped each step and the contract applied against.
 */
export const terminationApplicationRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(applicationSchema, change.after)
    if (bad) return bad
    const after = change.after
    const to = after.status as ApplicationStatus
    const before = change.before
    const from = before ? (before.status as ApplicationStatus) : null
    const stamp = from ? stampOf(from, to) : null
    return firstVerdict(
      () => transitionVerdict(terminationLifecycle, from, to),
      () => statusShape(after, to),
      () => askedWhatItMay(after),
      () => latePayoutRecorded(after),
      () => (before ? unchanged(before, after, FIXED) : null),
      () =>
        before && from !== 'received'
          ? from === to
            ? deadlineMoved(before, after)
            : unchanged(before, after, COMPLETED)
          : null,
      () => (before && from === 'approved' ? unchanged(before, after, ['approved_at', 'approved_by']) : null),
      () => (from ? approvalRule(after, from, to) : null),
      () => (to === 'approved' && from !== 'approved' ? approvedBySupervisor(ctx, after) : null),
      () => (stamp && stamp !== 'approved_by' ? stampedBySender(ctx, after, stamp) : null),
      () =>
        before
          ? null
          : firstVerdict(
              () => numberedHere(ctx, after),
              () => stampedBySender(ctx, after, 'received_by'),
              () => contractOfBranch(ctx, after),
            ),
    )
  },
  // Incoming numbers carry the branch code and are unique company-wide.
  naturalKey: (data) => (data.incoming_number ? String(data.incoming_number) : null),
}

const date = z.string().refine(isCalendarDate, 'a calendar date')
const manualContractSchema = z.looseObject({
  ...syncedRow,
  product: z.enum(CONTRACT_PRODUCTS),
  contract_number: z.string().min(1),
  policyholder_type: z.enum(POLICYHOLDER_TYPES),
  policyholder_name: z.string().min(1),
  conclusion_date: date,
  start_date: date,
  end_date: date,
  premium_kopecks: z.number().int().min(1),
  periods_of_use: documentSchema.nullable().optional(),
  entered_by: z.string().nullable().optional(),
  terminated_on: date.nullable().optional(),
})

/** Everything typed from the client's policy, and who typed it. */
const MANUAL_FIXED = [
  'product',
  'contract_number',
  'concluded_at',
  'policyholder_type',
  'policyholder_name',
  'plate',
  'vin',
  'conclusion_date',
  'start_date',
  'end_date',
  'premium_kopecks',
  'periods_of_use',
  'entered_by',
] as const

/**
 * Contracts concluded elsewhere, typed at the termination desk (termination/enter-contract). They have no
 * statuses: entered once as typed, afterwards only `terminated_on` changes (set by an application's completion,
 * cleared by a refusal after it).
 */
export const manualContractRule: EntityRule = {
  check(ctx, change) {
    const bad = checkSchema(manualContractSchema, change.after)
    if (bad) return bad
    const after = change.after
    if (String(after.end_date) < String(after.start_date))
      return reject('invalid-data', { field: 'end_date', message: 'the term ends after it starts' })
    if (change.before) return unchanged(change.before, after, MANUAL_FIXED)
    return stampedBySender(ctx, after, 'entered_by')
  },
}
