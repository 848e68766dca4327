import type { Knex } from 'knex'
import { osagoApplicationSchema, readOsagoApplication, type OsagoApplication } from '../../shared/osago/application'
import { draftToApplicationInput, readOsagoDraft, type OsagoDraft } from '../../shared/osago/draft'
import type { OsagoPolicy, OsagoPolicySummary } from '../../shared/osago/policy'
import { partyName } from '../../shared/party/display'
import type { DerivedColumns } from '../db/derived'
import type { Db } from '../db/openDatabase'
import { passportSearch, phoneSearch, searchText } from '../db/searchText'
import type { RowOf } from '../db/tables'
import { findWithDocument } from '../db/withDocument'

/** The hot row: what lists, search and the status machine read (core/db/tables.ts). */
export type OsagoRow = RowOf<'osago_policy'>
/** The policy's documents: the draft (the application, stored once) and the calculation. */
export type OsagoDocumentRow = RowOf<'osago_document'>

/** One OSAGO policy: its hot row and its document row (same id). */
export interface OsagoRecord {
  policy: OsagoRow
  document: OsagoDocumentRow
}

/** A policy with its documents in ONE statement (core/db/withDocument.ts). */
export async function findOsagoRecord(db: Db | Knex.Transaction, id: string): Promise<OsagoRecord> {
  const { hot: policy, document } = await findWithDocument(db, 'osago_policy', 'osago_document', id)
  return { policy, document }
}

/**
 * The validated application of a priced policy. It is not stored: the draft is, and calculate accepted exactly
 * this parse of it. A draft priced under an older rule that today's schema refuses is still read (its contract
 * stands), in the draft's own shape, as stored applications always were (readOsagoApplication).
 */
export function applicationOf(draft: OsagoDraft): OsagoApplication {
  const input = draftToApplicationInput(draft)
  const parsed = osagoApplicationSchema.safeParse(input)
  return parsed.success ? parsed.data : readOsagoApplication(input)
}

export function toPolicy({ policy, document }: OsagoRecord): OsagoPolicy {
  // Drafts stored before organisations could be insured read as today's shape.
  const draft = readOsagoDraft(document.draft)
  return {
    id: policy.id,
    status: policy.status,
    draft,
    // Priced once calculated; an edit clears the calculation (and with it the application) again.
    application: document.calculation === null ? null : applicationOf(draft),
    calculation: document.calculation,
    blank:
      policy.blank_id && policy.policy_series && policy.policy_number
        ? { id: policy.blank_id, series: policy.policy_series, number: policy.policy_number }
        : null,
    payment: policy.payment,
    startDate: policy.start_date,
    endDate: policy.end_date,
    issuedAt: policy.issued_at,
    issuedBy: policy.issued_by,
    createdAt: policy.created_at,
    updatedAt: policy.updated_at,
    rowVersion: policy.row_version,
  }
}

/** The columns the list reads: never the documents. */
export const SUMMARY_COLUMNS = [
  'id',
  'status',
  'insured_name',
  'plate',
  'vin',
  'policy_series',
  'policy_number',
  'premium_kopecks',
  'start_date',
  'updated_at',
] as const

export function toSummary(row: Pick<OsagoRow, (typeof SUMMARY_COLUMNS)[number]>): OsagoPolicySummary {
  return {
    id: row.id,
    status: row.status,
    insuredName: row.insured_name,
    plate: row.plate,
    vin: row.vin,
    policyNumber: row.policy_number ? `${row.policy_series} ${row.policy_number}` : null,
    premiumKopecks: row.premium_kopecks,
    startDate: row.start_date,
    updatedAt: row.updated_at,
  }
}

export async function loadOsagoPolicy(db: Db, id: string): Promise<OsagoPolicy> {
  return toPolicy(await findOsagoRecord(db, id))
}

/** The blank's number as search_text carries it: «ААА 0123456789 ААА0123456789», or null before the issue. */
export function policyNumberSearch(series: string | null, number: string | null): string | null {
  return series && number ? `${series} ${number} ${series}${number}` : null
}

/**
 * search_text recomputed from the stored policy and its document (core/db/derived.ts): for rows applied from HQ
 * and for migration 20261205000018. A draft that cannot be read is left out (it keeps its text).
 */
export const osagoSearchText: DerivedColumns = {
  table: 'osago_policy',
  column: 'search_text',
  from: ['osago_policy', 'osago_document'],
  async compute(db, ids) {
    const q = db('osago_policy')
      .join('osago_document', 'osago_document.id', 'osago_policy.id')
      .select('osago_policy.id', 'osago_policy.policy_series', 'osago_policy.policy_number', 'osago_document.draft')
    if (ids) q.whereIn('osago_policy.id', ids)
    const rows = (await q) as Array<{
      id: string
      policy_series: string | null
      policy_number: string | null
      draft: string | null
    }>
    return rows.flatMap((r) => {
      const value = osagoSearchValue(r.policy_series, r.policy_number, r.draft)
      return value === null ? [] : [{ id: r.id, value }]
    })
  },
  fromRows(rows) {
    const policy = rows.get('osago_policy')
    const document = rows.get('osago_document')
    if (!policy || !document) return null
    return osagoSearchValue(
      policy.policy_series as string | null,
      policy.policy_number as string | null,
      document.draft,
    )
  },
}

/** search_text of a policy from its blank's number and its draft (stored text or the object); null when unreadable. */
function osagoSearchValue(series: string | null, number: string | null, draft: unknown): string | null {
  try {
    if (!draft) return null
    return searchColumns(readOsagoDraft(draft), policyNumberSearch(series, number)).search_text!
  } catch {
    return null
  }
}

/** Search columns copied out of the draft, so the list can filter by them while the policy is still a draft. */
export function searchColumns(
  draft: OsagoDraft,
  policyNumber: string | null = null,
): Pick<OsagoRow, 'insured_name' | 'plate' | 'vin' | 'search_text'> {
  const name = partyName(draft.insured)
  const plate = draft.vehicle.plate.replace(/\s+/g, '').toUpperCase() || null
  const vin = draft.vehicle.vin.trim().toUpperCase() || null
  return {
    insured_name: name || null,
    plate,
    vin,
    // An organisation is also found by its INN; the insured by phone and passport.
    search_text: searchText([
      name,
      draft.insured.kind === 'organisation' ? draft.insured.inn.replace(/\s+/g, '') : null,
      plate,
      vin,
      policyNumber,
      phoneSearch(draft.insured.phone),
      draft.insured.kind === 'person'
        ? passportSearch(draft.insured.passport.series, draft.insured.passport.number)
        : null,
    ]),
  }
}
