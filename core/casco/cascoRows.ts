import type { ApprovalDecision } from '../../shared/approval/decision'
import type {
  CascoFirstPayment,
  CascoQuoteRecord,
  CascoQuoteStatus,
  CascoQuoteSummary,
  CascoScheduleRecord,
} from '../../shared/casco/contract'
import { readCascoDraft, type CascoDraft } from '../../shared/casco/draft'
import type { CascoQuoteInput } from '../../shared/casco/quoteInput'
import type { CascoQuote } from '../../shared/casco/quoteTypes'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { listDecisions } from './decisionRows'
import { caseInspections, toInspectionLink } from './caseInspection'

export interface CascoRow {
  id: string
  status: CascoQuoteStatus
  draft: string
  quote_input: string | null
  quote_result: string | null
  chosen_option: string | null
  payment_plan: string | null
  premium_kopecks: number | null
  total_kopecks: number | null
  sum_insured_kopecks: number | null
  tariff_version: string | null
  conclusion_date: string | null
  start_date: string | null
  end_date: string | null
  insured_name: string | null
  plate: string | null
  vin: string | null
  vehicle_name: string | null
  submitted_at: string | null
  submitted_by: string | null
  contract_branch: string | null
  contract_seq: number | null
  contract_number: string | null
  schedule: string | null
  first_payment: string | null
  issued_at: string | null
  issued_by: string | null
  printed_at: string | null
  created_by: string | null
  search_text: string | null
  created_at: string
  updated_at: string
  row_version: number
}

const json = <T>(text: string | null): T | null => (text == null ? null : (JSON.parse(text) as T))

export async function findCascoRow(db: Db, id: string): Promise<CascoRow> {
  const row = (await db('casco_quote').where({ id }).first()) as CascoRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
}

async function staffNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (wanted.length === 0) return new Map()
  const rows = (await db('staff').whereIn('id', wanted).select('id', 'full_name')) as Array<{
    id: string
    full_name: string
  }>
  return new Map(rows.map((r) => [r.id, r.full_name]))
}

/** The whole case as the screens show it: the quote, who worked on it, its inspection and its decisions. */
export async function loadCascoRecord(db: Db, id: string): Promise<CascoQuoteRecord> {
  const row = await findCascoRow(db, id)
  const [names, inspections, decisions] = await Promise.all([
    staffNames(db, [row.created_by, row.submitted_by, row.issued_by]),
    caseInspections(db, row.id),
    listDecisions(db, row.id),
  ])
  return toRecord(row, names, toInspectionLink(inspections.current), decisions)
}

function toRecord(
  row: CascoRow,
  names: Map<string, string>,
  inspection: CascoQuoteRecord['inspection'],
  decisions: ApprovalDecision[],
): CascoQuoteRecord {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null)
  return {
    id: row.id,
    status: row.status,
    draft: readCascoDraft(row.draft),
    quoteInput: json<CascoQuoteInput>(row.quote_input),
    result: json<CascoQuote>(row.quote_result),
    chosenOption: row.chosen_option === null ? null : Number(row.chosen_option),
    premiumKopecks: row.premium_kopecks,
    totalKopecks: row.total_kopecks,
    sumInsuredKopecks: row.sum_insured_kopecks,
    tariffVersion: row.tariff_version,
    vehicleName: row.vehicle_name,
    startDate: row.start_date,
    endDate: row.end_date,
    createdBy: person(row.created_by),
    submittedAt: row.submitted_at,
    submittedBy: person(row.submitted_by),
    inspection,
    decisions,
    contractNumber: row.contract_number,
    schedule: json<CascoScheduleRecord>(row.schedule),
    firstPayment: json<CascoFirstPayment>(row.first_payment),
    issuedAt: row.issued_at,
    issuedBy: person(row.issued_by),
    printedAt: row.printed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

export function toSummary(row: CascoRow): CascoQuoteSummary {
  return {
    id: row.id,
    status: row.status,
    insuredName: row.insured_name,
    vehicleName: row.vehicle_name,
    plate: row.plate,
    vin: row.vin,
    contractNumber: row.contract_number,
    sumInsuredKopecks: row.sum_insured_kopecks,
    totalKopecks: row.total_kopecks,
    startDate: row.start_date,
    updatedAt: row.updated_at,
  }
}

/** Search columns copied out of the draft, so the list filters by them while the quote is still a draft. */
export function searchColumns(
  draft: CascoDraft,
  vehicleName: string | null,
  contractNumber: string | null = null,
): Pick<CascoRow, 'insured_name' | 'plate' | 'vin' | 'vehicle_name' | 'search_text'> {
  const p = draft.insured
  const name = [p.surname, p.name, p.patronymic]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ')
  const plate = draft.vehicle.plate.replace(/\s+/g, '').toUpperCase() || null
  const vin = draft.vehicle.vin.trim().toUpperCase() || null
  return {
    insured_name: name || null,
    plate,
    vin,
    vehicle_name: vehicleName,
    search_text: searchText([name, plate, vin, vehicleName, contractNumber]),
  }
}

export function searchText(parts: Array<string | null>): string {
  return parts.filter(Boolean).join(' ').toLowerCase().replace(/ё/g, 'е')
}

export function likePattern(query: string): string {
  return `%${searchText([query]).replace(/[%_\\]/g, (c) => `\\${c}`)}%`
}
