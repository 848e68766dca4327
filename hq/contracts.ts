import { isCascoContract } from '../shared/casco/lifecycle'
import { isOsagoContract } from '../shared/osago/lifecycle'
import type { ContractSummary } from '../shared/sync/protocol'
import type { HqDb } from './db'
import { toRecord, type HqRecord } from './records'

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null)

/**
 * A contract concluded at any branch, found by its number (and series for OSAGO) for a termination brought to
 * another branch. Only issued contracts, and only what a termination needs — not the whole application with
 * the client's documents. The HQ log records which device asked.
 */
export async function lookupContracts(
  db: HqDb,
  query: { number: string; series?: string },
): Promise<ContractSummary[]> {
  const number = query.number.replace(/\s+/g, '')
  const out: ContractSummary[] = []
  const osago = query.series
    ? await db('hq_record').where({ entity: 'osago_policy', natural_key: `${query.series.toUpperCase()} ${number}` })
    : await db('hq_record')
        .where({ entity: 'osago_policy' })
        .where('natural_key', 'like', `% ${number.replace(/[%_\\]/g, '')}`)
        .limit(20)
  for (const row of osago) {
    const summary = osagoSummary(toRecord(row))
    if (summary) out.push(summary)
  }
  const casco = await db('hq_record').where({ entity: 'casco_quote', natural_key: number })
  for (const row of casco) {
    const summary = cascoSummary(toRecord(row))
    if (summary) out.push(summary)
  }
  return out
}

/** An issued OSAGO policy as a lookup answers it; null for a draft or a discarded one. */
export function osagoSummary(r: HqRecord): ContractSummary | null {
  if (!isOsagoContract(r.data.status)) return null
  return {
    product: 'osago',
    id: r.id,
    branchCode: r.branchCode,
    series: str(r.data.policy_series),
    number: String(r.data.policy_number),
    status: String(r.data.status),
    policyholderName: str(r.data.insured_name),
    plate: str(r.data.plate),
    vin: str(r.data.vin),
    conclusionDate: str(r.data.conclusion_date),
    startDate: str(r.data.start_date),
    endDate: str(r.data.end_date),
    premiumKopecks: int(r.data.premium_kopecks),
  }
}

/** A concluded CASCO contract as a lookup answers it; null for a quote not (yet) a contract. */
export function cascoSummary(r: HqRecord): ContractSummary | null {
  if (!isCascoContract(r.data.status)) return null
  return {
    product: 'casco',
    id: r.id,
    branchCode: r.branchCode,
    series: null,
    number: String(r.data.contract_number),
    status: String(r.data.status),
    policyholderName: str(r.data.insured_name),
    plate: str(r.data.plate),
    vin: str(r.data.vin),
    conclusionDate: str(r.data.conclusion_date),
    startDate: str(r.data.start_date),
    endDate: str(r.data.end_date),
    premiumKopecks: int(r.data.total_kopecks) ?? int(r.data.premium_kopecks),
  }
}
