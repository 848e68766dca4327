import type { ApprovalDecision } from '../../shared/approval/decision'
import type { CascoQuoteRecord, CascoQuoteSummary } from '../../shared/casco/contract'
import { readCascoDraft, type CascoDraft } from '../../shared/casco/draft'
import { AppError } from '../app/appError'
import type { Knex } from 'knex'
import type { DerivedColumns } from '../db/derived'
import type { Db } from '../db/openDatabase'
import { passportSearch, phoneSearch, searchText } from '../db/searchText'
import { fromStored, type RowOf } from '../db/tables'
import { findWithDocument } from '../db/withDocument'
import { listDecisions } from './decisionRows'
import { caseInspections, toInspectionLink } from './caseInspection'

/** The hot row: what lists, search, the status machine and the contract read (core/db/tables.ts). */
export type CascoRow = RowOf<'casco_quote'>
/** The quote's documents: the form as typed and, once priced, the engine's input and result. */
export type CascoDocumentRow = RowOf<'casco_document'>

/** One CASCO case as stored: its hot row and its document row (same id). */
export interface CascoCase {
  quote: CascoRow
  document: CascoDocumentRow
}

/** The hot row only, for what needs no document (the approval queue's four-eyes facts, the print hook). */
export async function findCascoRow(db: Db | Knex.Transaction, id: string): Promise<CascoRow> {
  const row = (await db('casco_quote').where({ id }).first()) as Record<string, unknown> | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return fromStored('casco_quote', row)
}

/** A quote with its documents in ONE statement (core/db/withDocument.ts). */
export async function findCascoCase(db: Db | Knex.Transaction, id: string): Promise<CascoCase> {
  const { hot: quote, document } = await findWithDocument(db, 'casco_quote', 'casco_document', id)
  return { quote, document }
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
  return cascoRecord(db, await findCascoCase(db, id))
}

/**
 * The case's record from rows already in hand (a handler's Writer after-rows): the quote is not read again, only
 * who worked on it, its inspection and its decisions.
 */
export async function cascoRecord(db: Db, c: CascoCase): Promise<CascoQuoteRecord> {
  const row = c.quote
  const [names, inspections, decisions] = await Promise.all([
    staffNames(db, [row.created_by, row.submitted_by, row.issued_by]),
    caseInspections(db, row.id),
    listDecisions(db, row.id),
  ])
  return toRecord(c, names, toInspectionLink(inspections.current), decisions)
}

function toRecord(
  { quote: row, document }: CascoCase,
  names: Map<string, string>,
  inspection: CascoQuoteRecord['inspection'],
  decisions: ApprovalDecision[],
): CascoQuoteRecord {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null)
  return {
    id: row.id,
    status: row.status,
    draft: readCascoDraft(document.draft),
    quoteInput: document.quote_input,
    result: document.quote_result,
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
    schedule: row.schedule,
    firstPayment: row.first_payment,
    issuedAt: row.issued_at,
    issuedBy: person(row.issued_by),
    printedAt: row.printed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

/** What the list reads (no JSON, no schedule): the summary's columns. */
export const SUMMARY_COLUMNS = [
  'id',
  'status',
  'insured_name',
  'vehicle_name',
  'plate',
  'vin',
  'contract_number',
  'sum_insured_kopecks',
  'total_kopecks',
  'start_date',
  'updated_at',
] as const

export type SummaryRow = Pick<CascoRow, (typeof SUMMARY_COLUMNS)[number]>

export function toSummary(row: SummaryRow): CascoQuoteSummary {
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

/**
 * search_text recomputed from the stored quote and its document (core/db/derived.ts): for rows applied from HQ and
 * for migration 20261205000018. A draft that cannot be read is left out (it keeps its text).
 */
export const cascoSearchText: DerivedColumns = {
  table: 'casco_quote',
  column: 'search_text',
  from: ['casco_quote', 'casco_document'],
  async compute(db, ids) {
    const q = db('casco_quote')
      .join('casco_document', 'casco_document.id', 'casco_quote.id')
      .select('casco_quote.id', 'casco_quote.vehicle_name', 'casco_quote.contract_number', 'casco_document.draft')
    if (ids) q.whereIn('casco_quote.id', ids)
    const rows = (await q) as Array<{
      id: string
      vehicle_name: string | null
      contract_number: string | null
      draft: string | null
    }>
    return rows.flatMap((r) => {
      try {
        if (!r.draft) return []
        const text = searchColumns(readCascoDraft(r.draft), r.vehicle_name, r.contract_number).search_text
        return [{ id: r.id, value: text! }]
      } catch {
        return []
      }
    })
  },
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
    search_text: searchText([
      name,
      plate,
      vin,
      vehicleName,
      contractNumber,
      phoneSearch(p.phone),
      passportSearch(p.passport.series, p.passport.number),
    ]),
  }
}

/** The documents of hot rows already read (a list), in one statement: each row with its document. */
export async function withDocuments(db: Db, rows: CascoRow[]): Promise<CascoCase[]> {
  if (rows.length === 0) return []
  const docs = (await db('casco_document').whereIn(
    'id',
    rows.map((r) => r.id),
  )) as Array<Record<string, unknown>>
  const byId = new Map(docs.map((d) => [d.id as string, fromStored('casco_document', d)]))
  return rows.map((quote) => {
    const document = byId.get(quote.id)
    if (!document) throw new AppError('NOT_FOUND', 'errors.notFound')
    return { quote, document }
  })
}
