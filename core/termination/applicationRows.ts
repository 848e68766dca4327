import type { RowOf } from '../db/tables'
import type {
  ApplicationDetails,
  ApplicationSummary,
  ContractData,
  StaffRef,
  TerminationApplication,
} from '../../shared/termination/application'
import type { RefundCalculation } from '../../shared/termination/applicationRefund'
import type { DeadlineChangeNotice } from '../../shared/reference/productionCalendarContract'
import type { LatePayoutResult } from '../../shared/termination/latePenalty'
import type { TerminationDocument } from '../../shared/termination/rulesSchema'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'

/** A termination application as stored: the typed table map's row (core/db/tables.ts). */
export type ApplicationRow = RowOf<'termination_application'>

export async function findApplicationRow(db: Db, id: string): Promise<ApplicationRow> {
  const row = (await db('termination_application').where({ id }).first()) as ApplicationRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
}

/** Names of the staff who acted on applications, looked up once per answer. */
async function staffNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))]
  if (wanted.length === 0) return new Map()
  const rows = (await db('staff').select('id', 'full_name').whereIn('id', wanted)) as Array<{
    id: string
    full_name: string
  }>
  return new Map(rows.map((r) => [r.id, r.full_name]))
}

export async function toApplication(db: Db, row: ApplicationRow): Promise<TerminationApplication> {
  const names = await staffNames(db, [row.received_by, row.completed_by, row.approved_by, row.paid_by, row.refused_by])
  const who = (id: string | null): StaffRef | null => (id ? { id, fullName: names.get(id) ?? '' } : null)
  return {
    id: row.id,
    incomingNumber: row.incoming_number,
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    receivedBy: who(row.received_by),
    status: row.status,
    contract: JSON.parse(row.contract) as ContractData,
    details: JSON.parse(row.details) as ApplicationDetails,
    requiredDocuments: JSON.parse(row.required_documents) as TerminationDocument[],
    documentsVerified: Boolean(row.documents_verified),
    documents: JSON.parse(row.documents) as TerminationDocument[],
    payoutDueOn: row.payout_due_on,
    deadlineChanges: row.deadline_changes ? (JSON.parse(row.deadline_changes) as DeadlineChangeNotice[]) : [],
    calculation: row.calculation ? (JSON.parse(row.calculation) as RefundCalculation) : null,
    completedAt: row.completed_at,
    completedBy: who(row.completed_by),
    approvedAt: row.approved_at,
    approvedBy: who(row.approved_by),
    paidOn: row.paid_on,
    paidBy: who(row.paid_by),
    paymentDocument: row.payment_document,
    penaltyKopecks: row.penalty_kopecks,
    latePayout: row.late_payout ? (JSON.parse(row.late_payout) as LatePayoutResult) : null,
    paidKopecks: row.paid_kopecks,
    refusedAt: row.refused_at,
    refusedBy: who(row.refused_by),
    refusalReason: row.refusal_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

export function toSummary(row: ApplicationRow): ApplicationSummary {
  const details = JSON.parse(row.details) as ApplicationDetails
  const contract = JSON.parse(row.contract) as ContractData
  return {
    id: row.id,
    incomingNumber: row.incoming_number,
    receivedAt: row.received_at,
    status: row.status,
    kind: row.kind,
    ground: details.ground,
    contractNumber: row.contract_number,
    product: contract.product,
    policyholderName: row.policyholder_name,
    refundKopecks: row.refund_kopecks,
    payoutDueOn: row.payout_due_on,
  }
}

/** The application as the API returns it; also what the print side loads (core/print/termination). */
export async function loadApplication(db: Db, id: string): Promise<TerminationApplication> {
  return toApplication(db, await findApplicationRow(db, id))
}
