import { z } from 'zod'
import { formatContractNumber } from '../../shared/casco/contractNumber'
import { CASCO_APPROVED, CASCO_QUOTE_STATUSES, type CascoQuoteStatus } from '../../shared/casco/contract'
import type { RecordData } from '../records'
import {
  absent,
  firstVerdict,
  linkedContractVerdict,
  required,
  senderMayDecide,
  stampedBySender,
  transitionVerdict,
  unchanged,
} from './ruleKit'
import { checkSchema, documentSchema, syncedRow } from './schemaCheck'
import { defer, reject, type EntityRule, type ProposedChange, type RuleContext, type Verdict } from './types'
import { CASCO_CASE_DECIDERS } from '../../shared/staff/roleGroups'
import {
  CASCO_CONTRACT_STATUSES,
  CASCO_PRICED_STATUSES,
  CASCO_TERMS_LOCKED_STATUSES,
  cascoLifecycle,
  isCascoContract,
} from '../../shared/casco/lifecycle'

/** The statuses a supervisor's decision writes on a submitted quote: the lifecycle's approval/decide moves. */
const DECIDED: readonly string[] = cascoLifecycle
  .movesBy('approval/decide')
  .filter((t) => t.from === 'submitted')
  .map((t) => t.to)
const PRICED = CASCO_PRICED_STATUSES
const TERMS_LOCKED = CASCO_TERMS_LOCKED_STATUSES

/**
 * The case's documents (casco_document since migration 20261205000017; a device on the previous version still
 * sends them inside the quote's row, and they are judged there, as before).
 */
const DOCUMENTS = ['draft', 'quote_input', 'quote_result'] as const
const TERMS = [
  'chosen_option',
  'payment_plan',
  'premium_kopecks',
  'sum_insured_kopecks',
  'tariff_version',
  'conclusion_date',
  'start_date',
  'end_date',
] as const
const CONTRACT = [
  'contract_number',
  'contract_seq',
  'contract_branch',
  'schedule',
  'first_payment',
  'issued_at',
  'issued_by',
] as const

const kopecks = z.number().int().min(0).nullable().optional()
const quoteSchema = z.looseObject({
  ...syncedRow,
  status: z.enum(CASCO_QUOTE_STATUSES),
  draft: documentSchema.optional(),
  quote_input: documentSchema.nullable().optional(),
  quote_result: documentSchema.nullable().optional(),
  chosen_option: z.string().nullable().optional(),
  premium_kopecks: kopecks,
  total_kopecks: kopecks,
  sum_insured_kopecks: kopecks,
  created_by: z.string().nullable().optional(),
  submitted_by: z.string().nullable().optional(),
  contract_branch: z.string().nullable().optional(),
  contract_seq: z.number().int().min(1).nullable().optional(),
  contract_number: z.string().nullable().optional(),
  issued_by: z.string().nullable().optional(),
})

/**
 * Business key of a supervisor's decision that moves a quote (every decision but a return to the inspector):
 * the quote and the version the supervisor judged. The quote's own change to the decided status is version + 1
 * and finds its decision by this key; a second such decision on the same version (two supervisors offline)
 * is a duplicate — its quote change loses anyway.
 */
export function decisionKey(quoteId: string, quoteRowVersion: number): string {
  return `${quoteId}@${quoteRowVersion}`
}

export function approvalDecisionKey(data: RecordData): string | null {
  const movesQuote =
    data.decision === 'approved' ||
    data.decision === 'approved-with-conditions' ||
    data.decision === 'rejected' ||
    (data.decision === 'returned' && data.return_to === 'clerk')
  if (!movesQuote || typeof data.quote_id !== 'string' || typeof data.quote_row_version !== 'number') return null
  return decisionKey(data.quote_id, data.quote_row_version)
}

/** The previous version's row carries its documents; today's carries none (they are in casco_document). */
const carriesDocuments = (data: RecordData) => 'draft' in data

/**
 * What the case's documents must hold in its status: a draft is not priced, a priced quote keeps what was priced.
 * Today's device writes the document before the quote's move, so HQ judges the document it holds; it is looked up
 * only when the status changes (the document cannot change once the terms are locked: casco_document's rule).
 */
async function documentShape(
  ctx: RuleContext,
  change: ProposedChange,
  from: CascoQuoteStatus | null,
  to: CascoQuoteStatus,
): Promise<Verdict> {
  const after = change.after
  let documents: RecordData = after
  if (!carriesDocuments(after)) {
    // A new quote is a draft written before its document (which waits for it): nothing is priced yet.
    if (from === to || from === null || (to !== 'draft' && !PRICED.includes(to))) return null
    // From submission on the document is frozen (casco_document's rule): it was judged on the way there.
    if (TERMS_LOCKED.includes(from)) return null
    const document = await ctx.lookup('casco_document', change.id)
    if (!document) return defer('subject-unknown', { entity: 'casco_document' })
    documents = document.data
  }
  if (to === 'draft') {
    const bad = absent(documents, ['quote_result'], 'a draft is not priced')
    if (bad) return bad
  }
  if (PRICED.includes(to))
    return required(documents, ['quote_input', 'quote_result'], 'a priced quote keeps what was priced')
  return null
}

function statusShape(after: RecordData, status: CascoQuoteStatus): Verdict {
  if (status === 'draft') {
    const bad = absent(after, ['chosen_option'], 'a draft is not priced')
    if (bad) return bad
  }
  if (TERMS_LOCKED.includes(status)) {
    const bad = required(
      after,
      ['chosen_option', 'submitted_at', 'submitted_by'],
      'a submitted case has its option and who submitted it',
    )
    if (bad) return bad
  }
  if (CASCO_CONTRACT_STATUSES.includes(status)) {
    const bad = required(
      after,
      [...CONTRACT, 'chosen_option', 'total_kopecks'],
      'an issued contract needs its number, schedule and first payment',
    )
    if (bad) return bad
  } else {
    const bad = absent(after, ['contract_number'], 'a contract number is given when the contract is issued')
    if (bad) return bad
  }
  if (status === 'printed') return required(after, ['printed_at'], 'a printed contract keeps when it was printed')
  return null
}

/** What a move may not change: the author ever; the judged terms from submission; the contract once issued. */
function frozenFields(before: RecordData, after: RecordData, from: CascoQuoteStatus, to: CascoQuoteStatus): Verdict {
  const always = unchanged(before, after, ['created_by'])
  if (always) return always
  if (TERMS_LOCKED.includes(from)) {
    const terms = unchanged(before, after, TERMS)
    if (terms) return terms
    // Documents inside the row are compared while both sides carry them (the first change from an upgraded device
    // leaves them behind in casco_document, where its rule keeps them frozen).
    if (carriesDocuments(before) && carriesDocuments(after)) {
      const documents = unchanged(before, after, DOCUMENTS)
      if (documents) return documents
    }
    // Issuing recomputes the schedule from the day the first instalment is paid: the total may change then only.
    if (!(CASCO_APPROVED.includes(from) && to === 'issued')) {
      const total = unchanged(before, after, ['total_kopecks'])
      if (total) return total
    }
    if (to !== 'submitted') {
      const submitted = unchanged(before, after, ['submitted_at', 'submitted_by'])
      if (submitted) return submitted
    }
  }
  if (before.contract_number != null) return unchanged(before, after, CONTRACT)
  return null
}

/**
 * A decided status needs the decision behind it: sent by an active supervisor of the branch who neither wrote
 * nor submitted the case, and — where HQ can find it by key — the `approval_decision` of the same supervisor on
 * this very version with the same outcome. The approval handler writes the decision first and the quote second
 * in one transaction, so the decision is judged earlier in the same push; if HQ does not hold it (it was
 * deferred), the quote waits too.
 */
async function backedByDecision(
  ctx: RuleContext,
  change: ProposedChange,
  before: RecordData,
  to: CascoQuoteStatus,
): Promise<Verdict> {
  const supervisor = await senderMayDecide(ctx, CASCO_CASE_DECIDERS)
  if (supervisor) return supervisor
  if (ctx.changedBy === before.created_by || ctx.changedBy === before.submitted_by)
    return reject('approver-is-author', {})
  if (!ctx.lookupByKey) return null
  const decision = await ctx.lookupByKey('approval_decision', decisionKey(change.id, Number(before.row_version)))
  if (!decision) return defer('subject-unknown', { entity: 'approval_decision' })
  if (decision.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  const outcome = String(decision.data.decision)
  if (outcome !== to || decision.data.quote_id !== change.id)
    return reject('decision-mismatch', { status: to, decision: outcome })
  if (decision.data.decided_by !== ctx.changedBy) return reject('approver-not-sender', {})
  return null
}

/**
 * CASCO cases: the moves are shared/casco/lifecycle.ts; here, what each status carries, what a move may not change,
 * the decision behind a supervisor's move and the contract's number.
 */
export const cascoQuoteRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(quoteSchema, change.after)
    if (bad) return bad
    const after = change.after
    const to = after.status as CascoQuoteStatus
    const before = change.before
    const from = before ? (before.status as CascoQuoteStatus) : null
    return firstVerdict(
      () => transitionVerdict(cascoLifecycle, from, to),
      () => statusShape(after, to),
      () => documentShape(ctx, change, from, to),
      () => (before && from ? frozenFields(before, after, from, to) : stampedBySender(ctx, after, 'created_by')),
      () => (to === 'submitted' && from !== 'submitted' ? stampedBySender(ctx, after, 'submitted_by') : null),
      () => (from === 'submitted' && DECIDED.includes(to) ? backedByDecision(ctx, change, before!, to) : null),
      () => (to === 'issued' && from !== 'issued' ? issuedHere(ctx, after) : null),
      // A renewal (core/renewal) names the contract it renews: one of this branch HQ holds as concluded.
      () => linkedContractVerdict(ctx, change, 'renews_contract_id', 'casco_quote', isCascoContract),
    )
  },
  // Contract numbers are unique company-wide (they carry the branch code), and how another branch finds one.
  naturalKey: (data) => (data.contract_number ? String(data.contract_number) : null),
}

/** A contract is numbered in the issuing branch's own series, by the person who sends it. */
function issuedHere(ctx: RuleContext, after: RecordData): Verdict {
  if (after.contract_branch !== ctx.branch.code) {
    return reject('invalid-data', {
      field: 'contract_branch',
      message: 'a contract is numbered by the branch that issues it',
    })
  }
  if (after.contract_number !== formatContractNumber(ctx.branch.code, Number(after.contract_seq))) {
    return reject('invalid-data', { field: 'contract_number', message: 'the number does not follow the branch series' })
  }
  return stampedBySender(ctx, after, 'issued_by')
}

const caseDocumentSchema = z.looseObject({
  ...syncedRow,
  draft: documentSchema,
  quote_input: documentSchema.nullable().optional(),
  quote_result: documentSchema.nullable().optional(),
})

/** Statuses in which the case's documents are the terms judged or the contract's, and never change again. */
const DOCUMENTS_FROZEN = new Set<string>(CASCO_QUOTE_STATUSES.filter((s) => !cascoLifecycle.isEditable(s)))

/**
 * The case's documents (casco_document: the draft, the engine's input and result; same id as the quote). They
 * belong to the quote: its branch's, created after it, and unchanged once the quote left the editable statuses
 * (submitted, decided, issued…: a device never edits them then; the first copy of a document the migration moved
 * out of such a quote is an insert and is taken).
 */
export const cascoDocumentRule: EntityRule = {
  async check(ctx, change) {
    const bad = checkSchema(caseDocumentSchema, change.after)
    if (bad) return bad
    const quote = await ctx.lookup('casco_quote', change.id)
    if (!quote) return defer('subject-unknown', { entity: 'casco_quote' })
    if (quote.branchCode !== ctx.branch.code) return reject('not-owner', {})
    if (change.before && DOCUMENTS_FROZEN.has(String(quote.data.status)))
      return unchanged(change.before, change.after, DOCUMENTS)
    return null
  },
}
