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
import type { DerivedColumns } from '../db/derived'
import type { Db } from '../db/openDatabase'
import { passportSearch, phoneSearch, searchText } from '../db/searchText'

/** An application's search_text: its numbers, the contract's, the names, plate, VIN, the applicant's phone and passport. */
export function applicationSearchText(number: string, contract: ContractData, details: ApplicationDetails): string {
  return searchText([
    number,
    contract.number,
    contract.number.replace(/\s+/g, ''),
    contract.policyholderName,
    details.applicant.fullName,
    contract.plate,
    contract.vin,
    phoneSearch(details.applicant.phone),
    passportSearch(details.applicant.passport.series, details.applicant.passport.number),
  ])
}

/**
 * search_text recomputed from the stored application, its contract and details (core/db/derived.ts): for rows
 * applied from HQ and for migration 20261205000018. A row that cannot be read is left out (it keeps its text).
 */
export const applicationSearchTextColumn: DerivedColumns = {
  table: 'termination_application',
  column: 'search_text',
  from: ['termination_application'],
  async compute(db, ids) {
    const q = db('termination_application').select('id', 'incoming_number', 'contract', 'details')
    if (ids) q.whereIn('id', ids)
    const rows = (await q) as Array<{ id: string; incoming_number: string; contract: string; details: string }>
    return rows.flatMap((r) => {
      try {
        const contract = JSON.parse(r.contract) as ContractData
        const details = JSON.parse(r.details) as ApplicationDetails
        return [{ id: r.id, value: applicationSearchText(r.incoming_number, contract, details) }]
      } catch {
        return []
      }
    })
  },
}

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

/** What the list reads: summary columns, the ground and product picked out of the JSON in SQL. */
export const SUMMARY_COLUMNS = [
  'id',
  'incoming_number',
  'received_at',
  'status',
  'kind',
  'contract_number',
  'policyholder_name',
  'refund_kopecks',
  'payout_due_on',
] as const

export type SummaryRow = Pick<ApplicationRow, (typeof SUMMARY_COLUMNS)[number]> & {
  ground: ApplicationDetails['ground']
  product: ContractData['product']
}

export function toSummary(row: SummaryRow): ApplicationSummary {
  return {
    id: row.id,
    incomingNumber: row.incoming_number,
    receivedAt: row.received_at,
    status: row.status,
    kind: row.kind,
    ground: row.ground,
    contractNumber: row.contract_number,
    product: row.product,
    policyholderName: row.policyholder_name,
    refundKopecks: row.refund_kopecks,
    payoutDueOn: row.payout_due_on,
  }
}

/** The application as the API returns it; also what the print side loads (core/print/termination). */
export async function loadApplication(db: Db, id: string): Promise<TerminationApplication> {
  return toApplication(db, await findApplicationRow(db, id))
}
