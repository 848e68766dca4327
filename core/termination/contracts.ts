import { CASCO_CONTRACT_STATUSES, isCascoContract } from '../../shared/casco/lifecycle'
import { readOsagoDraft } from '../../shared/osago/draft'
import { isOsagoContract, OSAGO_CONTRACT_STATUSES } from '../../shared/osago/lifecycle'
import { partyName } from '../../shared/party/display'
import {
  OPEN_STATUSES,
  type ApplicationStatus,
  type ContractData,
  type ContractRef,
  type ContractSummary,
  type ManualContract,
} from '../../shared/termination/application'
import type { UsePeriod } from '../../shared/termination/periodsOfUse'
import { AppError } from '../app/appError'
import type { RowOf } from '../db/tables'
import type { Db } from '../db/openDatabase'
import { searchText } from '../osago/api'

/**
 * Contracts the termination desk can act on: OSAGO policies issued in this branch (read-only here; only
 * `terminated_on` is written, by the application's completion) and contracts entered by hand.
 */
/** A hand-entered contract as stored: the typed table map's row (core/db/tables.ts). */
export type ManualContractRow = RowOf<'manual_contract'>

interface OsagoContractRow {
  id: string
  status: string
  /** The policy's draft (osago_document): the application is stored once, as typed. */
  draft: string | null
  premium_kopecks: number | null
  conclusion_date: string | null
  start_date: string | null
  end_date: string | null
  insured_name: string | null
  plate: string | null
  vin: string | null
  policy_series: string | null
  policy_number: string | null
  terminated_on: string | null
}

const OSAGO_COLUMNS = [
  'osago_policy.id',
  'status',
  'osago_document.draft',
  'premium_kopecks',
  'conclusion_date',
  'start_date',
  'end_date',
  'insured_name',
  'plate',
  'vin',
  'policy_series',
  'policy_number',
  'terminated_on',
]

export interface CascoContractRow {
  id: string
  status: string
  contract_number: string | null
  insured_name: string | null
  plate: string | null
  vin: string | null
  conclusion_date: string | null
  start_date: string | null
  end_date: string | null
  total_kopecks: number | null
  issued_at: string | null
  terminated_on: string | null
}

export const CASCO_COLUMNS = [
  'id',
  'status',
  'contract_number',
  'insured_name',
  'plate',
  'vin',
  'conclusion_date',
  'start_date',
  'end_date',
  'total_kopecks',
  'issued_at',
  'terminated_on',
]

/** A CASCO contract concluded here: issued (or printed), with the premium the client pays in all. */
export function cascoContract(row: CascoContractRow): ContractData | null {
  if (
    !isCascoContract(row.status) ||
    !row.contract_number ||
    row.total_kopecks === null ||
    !row.conclusion_date ||
    !row.start_date ||
    !row.end_date
  )
    return null
  return {
    source: 'casco',
    id: row.id,
    product: 'casco',
    number: row.contract_number,
    // The counter sells CASCO to individuals (the quote's insured is a person).
    policyholderType: 'individual',
    policyholderName: row.insured_name ?? '',
    plate: row.plate,
    vin: row.vin,
    conclusionDate: row.conclusion_date,
    startDate: row.start_date,
    endDate: row.end_date,
    premiumKopecks: row.total_kopecks,
    periodsOfUse: null,
    enteredByHand: false,
    concludedAt: row.issued_at,
    terminatedOn: row.terminated_on,
  }
}

function osagoContract(row: OsagoContractRow): ContractData | null {
  if (
    !isOsagoContract(row.status) ||
    !row.draft ||
    row.premium_kopecks === null ||
    !row.conclusion_date ||
    !row.start_date ||
    !row.end_date ||
    !row.policy_number
  )
    return null
  const app = readOsagoDraft(row.draft)
  const periods = app.contract.periodsOfUse
  // An organisation may be the insured (40-FZ art. 15); records stored before parties had a kind are people.
  const insured = app.insured as Parameters<typeof partyName>[0]
  return {
    source: 'osago',
    id: row.id,
    product: 'osago',
    number: `${row.policy_series ?? ''} ${row.policy_number}`.trim(),
    policyholderType: insured.kind === 'organisation' ? 'legal' : 'individual',
    policyholderName: row.insured_name ?? partyName(insured),
    plate: row.plate,
    vin: row.vin,
    conclusionDate: row.conclusion_date,
    startDate: row.start_date,
    endDate: row.end_date,
    premiumKopecks: row.premium_kopecks,
    periodsOfUse: periods.length > 0 ? periods.map((x) => ({ from: x.from, to: x.to })) : null,
    enteredByHand: false,
    concludedAt: null,
    terminatedOn: row.terminated_on,
  }
}

export function manualContract(row: ManualContractRow): ContractData {
  return {
    source: 'manual',
    id: row.id,
    product: row.product,
    number: row.contract_number,
    policyholderType: row.policyholder_type,
    policyholderName: row.policyholder_name,
    plate: row.plate,
    vin: row.vin,
    conclusionDate: row.conclusion_date,
    startDate: row.start_date,
    endDate: row.end_date,
    premiumKopecks: row.premium_kopecks,
    periodsOfUse: row.periods_of_use ? (JSON.parse(row.periods_of_use) as UsePeriod[]) : null,
    enteredByHand: true,
    concludedAt: row.concluded_at,
    terminatedOn: row.terminated_on,
  }
}

/** Columns of a manual contract as typed (already validated by the shared schema). */
export function manualContractColumns(
  c: ManualContract,
): Omit<ManualContractRow, 'id' | 'created_at' | 'updated_at' | 'row_version' | 'entered_by' | 'terminated_on'> {
  return {
    product: c.product,
    contract_number: c.number,
    concluded_at: c.concludedAt,
    policyholder_type: c.policyholderType,
    policyholder_name: c.policyholderName,
    plate: c.plate,
    vin: c.vin,
    conclusion_date: c.conclusionDate,
    start_date: c.startDate,
    end_date: c.endDate,
    premium_kopecks: c.premiumKopecks,
    periods_of_use: c.periodsOfUse.length > 0 ? JSON.stringify(c.periodsOfUse) : null,
    search_text: searchText([c.number, c.policyholderName, c.plate, c.vin]),
  }
}

export async function loadContract(db: Db, ref: ContractRef): Promise<ContractData> {
  if (ref.source === 'manual') {
    const row = (await db('manual_contract').where({ id: ref.id }).first()) as ManualContractRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    return manualContract(row)
  }
  if (ref.source === 'casco') {
    const row = (await db('casco_quote').select(CASCO_COLUMNS).where({ id: ref.id }).first()) as
      CascoContractRow | undefined
    if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
    const contract = cascoContract(row)
    if (!contract) throw new AppError('CONFLICT', 'termination.problem.contractNotInForce')
    return contract
  }
  const row = (await db('osago_policy')
    .join('osago_document', 'osago_document.id', 'osago_policy.id')
    .select(OSAGO_COLUMNS)
    .where('osago_policy.id', ref.id)
    .first()) as OsagoContractRow | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  const contract = osagoContract(row)
  if (!contract) throw new AppError('CONFLICT', 'termination.problem.contractNotInForce')
  return contract
}

/** Applications that hold a contract: in progress, or paid (the contract ended with a refund). */
async function openApplications(
  db: Db,
  contracts: ContractData[],
): Promise<Map<string, ContractSummary['openApplication']>> {
  const out = new Map<string, ContractSummary['openApplication']>()
  if (contracts.length === 0) return out
  const rows = (await db('termination_application')
    .select('id', 'incoming_number', 'status', 'contract_source', 'contract_id')
    .whereIn(
      'contract_id',
      contracts.map((c) => c.id),
    )
    .whereIn('status', [...OPEN_STATUSES, 'paid'])
    .orderBy('created_at', 'desc')) as Array<{
    id: string
    incoming_number: string
    status: ApplicationStatus
    contract_source: string
    contract_id: string
  }>
  for (const r of rows) {
    const key = `${r.contract_source}:${r.contract_id}`
    if (!out.has(key)) out.set(key, { id: r.id, incomingNumber: r.incoming_number, status: r.status })
  }
  return out
}

export async function summarise(db: Db, contracts: ContractData[]): Promise<ContractSummary[]> {
  const open = await openApplications(db, contracts)
  return contracts.map((c) => ({ ...c, openApplication: open.get(`${c.source}:${c.id}`) ?? null }))
}

/** Local contracts by number, plate, VIN or the policyholder's surname, newest first. */
export async function findContracts(db: Db, query: string, limit = 20): Promise<ContractSummary[]> {
  const like = `%${searchText([query.replace(/\s+/g, ' ').trim()]).replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const compact = `%${searchText([query.replace(/\s+/g, '')]).replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const osago = (await db('osago_policy')
    .join('osago_document', 'osago_document.id', 'osago_policy.id')
    .select(OSAGO_COLUMNS)
    .whereIn('status', OSAGO_CONTRACT_STATUSES)
    .where((q) =>
      q.whereRaw("search_text LIKE ? ESCAPE '\\'", [like]).orWhereRaw("search_text LIKE ? ESCAPE '\\'", [compact]),
    )
    .orderBy('issued_at', 'desc')
    .limit(limit)) as OsagoContractRow[]
  const casco = (await db('casco_quote')
    .select(CASCO_COLUMNS)
    .whereIn('status', CASCO_CONTRACT_STATUSES)
    .where((q) =>
      q.whereRaw("search_text LIKE ? ESCAPE '\\'", [like]).orWhereRaw("search_text LIKE ? ESCAPE '\\'", [compact]),
    )
    .orderBy('issued_at', 'desc')
    .limit(limit)) as CascoContractRow[]
  const manual = (await db('manual_contract')
    .where((q) =>
      q.whereRaw("search_text LIKE ? ESCAPE '\\'", [like]).orWhereRaw("search_text LIKE ? ESCAPE '\\'", [compact]),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)) as ManualContractRow[]
  const contracts = [
    ...osago.map(osagoContract).filter((c): c is ContractData => c !== null),
    ...casco.map(cascoContract).filter((c): c is ContractData => c !== null),
    ...manual.map(manualContract),
  ]
  return summarise(db, contracts)
}
