import type { ApplicationStatus } from '../../shared/termination/application'
import type { CascoQuoteStatus } from '../../shared/casco/contract'
import type { InspectionStatus } from '../../shared/inspection/inspection'
import type { Lifecycle } from '../../shared/lifecycle/lifecycle'
import type { RecordData } from '../records'
import { approvalDecisionKey, cascoQuoteRule } from './cascoRules'
import { at, fakeContext, judge, staff, synced, type FakeRecord } from './fakeContext'
import { inspectionRule } from './inspectionRules'
import { terminationApplicationRule } from './terminationRules'

/**
 * Records of the branch in each status, as the branch stores them, and a judge of one move between two statuses.
 * The rules' own tests and the lifecycle conformance test (lifecycleConformance.test.ts) share them, so every
 * move is judged on the same rows.
 */

/** A lifecycle's moves of an existing record (its creations left out), for the rules' move-by-move tests. */
export function updateMoves<S extends string>(lifecycle: Lifecycle<S>): Array<[S, S]> {
  return lifecycle.moves().filter((m): m is [S, S] => m[0] !== null)
}

// CASCO quotes (cascoRules.test.ts)
export const CASCO_PRICED = [
  'quoted',
  'submitted',
  'returned',
  'approved',
  'approved-with-conditions',
  'rejected',
  'issued',
  'printed',
]
export const CASCO_SUBMITTED = [
  'submitted',
  'returned',
  'approved',
  'approved-with-conditions',
  'rejected',
  'issued',
  'printed',
]
export const CASCO_DECIDED = ['returned', 'approved', 'approved-with-conditions', 'rejected']

/** A quote as the branch stores it in `status`, written by clerk `c1` (HQ's copy at version `v`). */
export function cascoQuote(status: CascoQuoteStatus, v = 5, extra: RecordData = {}): RecordData {
  return synced('q1', v, {
    status,
    draft: '{"insured":{"surname":"Петров"}}',
    created_by: 'c1',
    insured_name: 'Петров',
    terminated_on: null,
    ...(CASCO_PRICED.includes(status)
      ? {
          quote_input: '{"sum":1}',
          quote_result: '{"options":[{}]}',
          chosen_option: '0',
          premium_kopecks: 5_000_00,
          total_kopecks: 5_000_00,
          start_date: '2026-12-01',
          end_date: '2027-11-30',
        }
      : {}),
    ...(CASCO_SUBMITTED.includes(status) ? { submitted_at: at, submitted_by: 'c1' } : {}),
    ...(status === 'issued' || status === 'printed'
      ? {
          contract_branch: 'MSK-01',
          contract_seq: 7,
          contract_number: 'MSK-01-К000007',
          schedule: '{"payments":[]}',
          first_payment: '{"amountKopecks":1}',
          issued_at: at,
          issued_by: 'c1',
        }
      : {}),
    ...(status === 'printed' ? { printed_at: at } : {}),
    ...extra,
  })
}

export const cascoDecision = (outcome: string, extra: RecordData = {}, v = 5): FakeRecord => {
  const data = synced('d1', 1, {
    quote_id: 'q1',
    quote_row_version: v,
    decision: outcome,
    return_to: outcome === 'returned' ? 'clerk' : null,
    decided_by: 's1',
    ...extra,
  })
  return { entity: 'approval_decision', id: 'd1', data, naturalKey: approvalDecisionKey(data) }
}
export const cascoPeople = [
  staff('c1', 'clerk'),
  staff('s1', 'supervisor'),
  staff('s2', 'supervisor'),
  staff('sc', 'supervisor'),
  staff('gone', 'supervisor', { active: 0 }),
]

/** Who makes a move in the branch code: the supervisor decides a submitted case, the clerk does the rest. */
export const cascoActorOf = (from: CascoQuoteStatus) => (from === 'submitted' ? 's1' : 'c1')
export function moveCasco(
  from: CascoQuoteStatus,
  to: CascoQuoteStatus,
  opts: { records?: FakeRecord[]; changedBy?: string; byKey?: boolean } = {},
) {
  const ctx = fakeContext({
    records: opts.records ?? [...cascoPeople, cascoDecision(CASCO_DECIDED.includes(to) ? to : 'approved')],
    changedBy: opts.changedBy ?? cascoActorOf(from),
    byKey: opts.byKey,
  })
  // The device sends the whole row: moving back to draft clears what was priced (UNPRICED in the handler).
  return judge(cascoQuoteRule, ctx, { op: 'update', id: 'q1', before: cascoQuote(from), after: cascoQuote(to, 6) })
}

// Inspections (inspectionRules.test.ts)
/** Inspection `i1` by inspector `in1` for quote `q1`, in `status` (HQ's copy at version `v`). */
export function inspection(status: InspectionStatus, v = 3, extra: RecordData = {}): RecordData {
  return synced('i1', v, {
    number: 'MSK-01/2026/00001',
    status,
    quote_id: 'q1',
    report: '{"vehicle":{}}',
    checklist_version: '2026.1',
    inspector_id: 'in1',
    ...(status !== 'draft' ? { submitted_at: at, submitted_by: 'in1' } : {}),
    ...(status === 'returned' ? { returned_at: at, returned_by: 's1', return_reason: 'Нет фото VIN' } : {}),
    ...extra,
  })
}
export const inspectedQuote: FakeRecord = {
  entity: 'casco_quote',
  id: 'q1',
  data: synced('q1', 4, { status: 'submitted', draft: '{}', created_by: 'c1' }),
}
export const inspectionPeople = [
  staff('in1', 'inspector'),
  staff('in2', 'inspector'),
  staff('s1', 'supervisor'),
  staff('c1', 'clerk'),
]
export const inspectionRecords = (...more: FakeRecord[]) => [...inspectionPeople, inspectedQuote, ...more]

/** The supervisor returns a submitted report; the inspector does everything else. */
export const inspectionActorOf = (from: InspectionStatus, to: InspectionStatus) =>
  from === 'submitted' && to === 'returned' ? 's1' : 'in1'
export function moveInspection(
  from: InspectionStatus,
  to: InspectionStatus,
  changedBy = inspectionActorOf(from, to),
  extra: RecordData = {},
) {
  return judge(inspectionRule, fakeContext({ records: inspectionRecords(), changedBy }), {
    op: 'update',
    id: 'i1',
    before: inspection(from),
    after: inspection(to, 4, extra),
  })
}

// Termination applications (terminationRules.test.ts)
export const TERMINATION_COMPLETED: readonly ApplicationStatus[] = ['calculated', 'closed', 'approved', 'paid']
export const refundCalculation = (needsApproval: boolean) =>
  JSON.stringify({ outcome: 'refund', eligible: true, refundKopecks: 1_200_00, needsApproval })

/**
 * Application `t1` received by clerk `c1` for manual contract `m1`, in `status` (HQ's copy at version `v`).
 * `needsApproval` is what its calculation says.
 */
export function application(
  status: ApplicationStatus,
  v = 3,
  needsApproval = false,
  extra: RecordData = {},
): RecordData {
  return synced('t1', v, {
    branch_id: 'b1',
    incoming_year: 2026,
    incoming_seq: 12,
    incoming_number: 'MSK-01-2026-00012',
    received_at: at,
    received_on: '2026-11-21',
    received_by: 'c1',
    status,
    contract_source: 'manual',
    contract_id: 'm1',
    contract: JSON.stringify({ source: 'manual', id: 'm1', number: 'ХХХ 1' }),
    kind: 'cooling-off',
    details: '{"kind":"cooling-off"}',
    required_documents: '["application"]',
    documents: '["application"]',
    documents_verified: 1,
    payout_due_on: '2026-12-01',
    policyholder_name: 'Петров П. П.',
    contract_number: 'ХХХ 1',
    search_text: 'msk-01-2026-00012',
    calculation: null,
    refund_kopecks: null,
    paid_on: null,
    refused_at: null,
    ...(TERMINATION_COMPLETED.includes(status) || status === 'refused'
      ? {
          calculation: refundCalculation(needsApproval),
          refund_kopecks: 1_200_00,
          completed_at: at,
          completed_by: 'c1',
        }
      : {}),
    ...(status === 'approved' || status === 'paid' ? { approved_at: at, approved_by: 's1' } : {}),
    ...(status === 'paid'
      ? { paid_on: '2026-11-25', paid_by: 'c1', payment_document: 'РКО-5', penalty_kopecks: 0, paid_kopecks: 1_200_00 }
      : {}),
    ...(status === 'refused' ? { refused_at: at, refused_by: 'c1', refusal_reason: 'Отказ клиента' } : {}),
    ...extra,
  })
}

export const manualContract = (v = 1, extra: RecordData = {}) =>
  synced('m1', v, {
    product: 'voluntary',
    contract_number: 'ХХХ 1',
    concluded_at: 'Агент',
    policyholder_type: 'individual',
    policyholder_name: 'Петров П. П.',
    plate: null,
    vin: null,
    conclusion_date: '2026-11-15',
    start_date: '2026-11-16',
    end_date: '2027-11-15',
    premium_kopecks: 2_000_00,
    periods_of_use: null,
    entered_by: 'c1',
    terminated_on: null,
    search_text: 'ххх 1',
    ...extra,
  })
export const terminationPeople = [
  staff('c1', 'clerk'),
  staff('c2', 'clerk'),
  staff('s1', 'supervisor'),
  staff('s2', 'supervisor', { active: false }),
]
export const manualRecord: FakeRecord = { entity: 'manual_contract', id: 'm1', data: manualContract() }

/** The supervisor approves; the desk does the rest. Approval is needed exactly when the move is to `approved`. */
export function moveTermination(
  from: ApplicationStatus,
  to: ApplicationStatus,
  changedBy = to === 'approved' ? 's1' : 'c1',
) {
  const needs = to === 'approved'
  const before = application(from, 3, needs)
  // The device writes a patch over the row: an approval stays on an application refused after it.
  const after = { approved_at: before.approved_at, approved_by: before.approved_by, ...application(to, 4, needs) }
  return judge(terminationApplicationRule, fakeContext({ records: [...terminationPeople, manualRecord], changedBy }), {
    op: 'update',
    id: 't1',
    before,
    after,
  })
}
