import { readOsagoApplication } from '../../shared/osago/application'
import type { StoredOsagoPremium } from '../../shared/osago/calculator'
import { readOsagoDraft, type OsagoDraft } from '../../shared/osago/draft'
import { partyName } from '../../shared/party/display'
import type { OsagoPayment, OsagoPolicy, OsagoPolicySummary, OsagoStatus } from '../../shared/osago/policy'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'

export interface OsagoRow {
  id: string
  status: OsagoStatus
  draft: string
  application: string | null
  calculation: string | null
  premium_kopecks: number | null
  tariff_version: string | null
  conclusion_date: string | null
  start_date: string | null
  end_date: string | null
  insured_name: string | null
  plate: string | null
  vin: string | null
  blank_id: string | null
  policy_series: string | null
  policy_number: string | null
  payment: string | null
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

export function toPolicy(row: OsagoRow): OsagoPolicy {
  return {
    id: row.id,
    status: row.status,
    // Drafts and applications stored before organisations could be insured read as today's shape.
    draft: readOsagoDraft(row.draft),
    application: row.application == null ? null : readOsagoApplication(row.application),
    calculation: json<StoredOsagoPremium>(row.calculation),
    blank:
      row.blank_id && row.policy_series && row.policy_number
        ? { id: row.blank_id, series: row.policy_series, number: row.policy_number }
        : null,
    payment: json<OsagoPayment>(row.payment),
    startDate: row.start_date,
    endDate: row.end_date,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

export function toSummary(row: OsagoRow): OsagoPolicySummary {
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

export async function findOsagoRow(db: Db, id: string): Promise<OsagoRow> {
  const row = (await db('osago_policy').where({ id }).first()) as OsagoRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return row
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
    // An organisation is also found by its INN.
    search_text: searchText([
      name,
      draft.insured.kind === 'organisation' ? draft.insured.inn.replace(/\s+/g, '') : null,
      plate,
      vin,
      policyNumber,
    ]),
  }
}

export function searchText(parts: Array<string | null>): string {
  return parts.filter(Boolean).join(' ').toLowerCase().replace(/ё/g, 'е')
}
