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
import type { CalendarDate } from '../../shared/dates/calendarDate'
import { AppError } from '../app/appError'
import type { RowOf } from '../db/tables'
import type { DerivedColumns } from '../db/derived'
import type { Db } from '../db/openDatabase'
import { appliedOsagoChanges, osagoTermsInForce, type AppliedOsagoChange } from '../osago/api'
import { matchingRows, SEARCH_TABLES, type SearchTable } from '../db/search'
import { searchText } from '../db/searchText'

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
    // «Where concluded» is a place, asked for contracts typed in by hand; a contract issued here was concluded here.
    concludedAt: null,
    terminatedOn: row.terminated_on,
  }
}

/**
 * An OSAGO policy issued here, as in force after its applied changes (core/osago termsInForce): the refund is taken
 * from the annual premium in force and the periods of use in force (docs/refund-rules.md, docs/domain/osago-changes.md).
 */
export function osagoContract(
  row: OsagoContractRow,
  changes: readonly AppliedOsagoChange[],
  on?: CalendarDate,
): ContractData | null {
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
  const terms = osagoTermsInForce(
    { draft: readOsagoDraft(row.draft), premiumKopecks: row.premium_kopecks },
    changes,
    on,
  )
  const app = terms.draft
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
    premiumKopecks: terms.premiumKopecks,
    periodsOfUse: periods.length > 0 ? periods.map((x) => ({ from: x.from, to: x.to })) : null,
    enteredByHand: false,
    concludedAt: null,
    terminatedOn: row.terminated_on,
    ...(terms.changedOn ? { changed: { on: terms.changedOn, issuedPremiumKopecks: terms.issuedPremiumKopecks } } : {}),
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

/** The number also without its spaces, as applications store it: «ХХХ 0123456789» typed either way is found. */
function manualContractSearchText(
  number: string,
  name: string | null,
  plate: string | null,
  vin: string | null,
): string {
  return searchText([number, number.replace(/\s+/g, ''), name, plate, vin])
}

/** search_text of contracts typed in by hand, recomputed from their columns (core/db/derived.ts, migration 0018). */
export const manualContractSearchTextColumn: DerivedColumns = {
  table: 'manual_contract',
  column: 'search_text',
  from: ['manual_contract'],
  async compute(db, ids) {
    const q = db('manual_contract').select('id', 'contract_number', 'policyholder_name', 'plate', 'vin')
    if (ids) q.whereIn('id', ids)
    const rows = (await q) as Array<{
      id: string
      contract_number: string
      policyholder_name: string | null
      plate: string | null
      vin: string | null
    }>
    return rows.map((r) => ({
      id: r.id,
      value: manualContractSearchText(r.contract_number, r.policyholder_name, r.plate, r.vin),
    }))
  },
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
    search_text: manualContractSearchText(c.number, c.policyholderName, c.plate, c.vin),
  }
}

/** The contract as in force on `on` (for an OSAGO policy: after the changes applied by that day). */
export async function loadContract(db: Db, ref: ContractRef, on: CalendarDate): Promise<ContractData> {
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
  const contract = osagoContract(row, (await appliedOsagoChanges(db, [row.id])).get(row.id) ?? [], on)
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

/**
 * The `limit` newest (by `order`) of the rows a query matches that pass `filter`: the matches come from the search
 * index with the filter in one statement (core/db/search.ts matchingRows), only their id and order column are read,
 * then the caller loads the few it keeps.
 */
async function newestMatches(
  db: Db,
  search: SearchTable,
  query: string,
  order: string,
  filter: (q: ReturnType<Db>) => void,
  limit: number,
): Promise<string[]> {
  // The filter is part of the search's statement: it never sees only the newest matches of a common name.
  const matches = await matchingRows<{ id: string; at: string | null }>({
    db,
    search,
    query,
    base: () => {
      const q = db(search.table).select('id', `${order} as at`)
      filter(q)
      return q
    },
  })
  if (!matches) return []
  const rows = matches.rows
  rows.sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? 1 : (a.at ?? '') > (b.at ?? '') ? -1 : 0))
  return rows.slice(0, limit).map((r) => r.id)
}

/** Keeps `ids`' order on rows read by id. */
function inOrder<R extends { id: string }>(ids: readonly string[], rows: readonly R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((r): r is R => r !== undefined)
}

/**
 * Local contracts by number, plate, VIN, the policyholder's name, phone or passport, newest first. The status
 * filter (most OSAGO rows are contracts) applies to the search's matches, never as a scan of the table.
 */
export async function findContracts(db: Db, query: string, limit = 20): Promise<ContractSummary[]> {
  const [osagoIds, cascoIds, manualIds] = await Promise.all([
    newestMatches(
      db,
      SEARCH_TABLES.osago,
      query,
      'issued_at',
      (q) => q.whereIn('status', OSAGO_CONTRACT_STATUSES),
      limit,
    ),
    newestMatches(
      db,
      SEARCH_TABLES.casco,
      query,
      'issued_at',
      (q) => q.whereIn('status', CASCO_CONTRACT_STATUSES),
      limit,
    ),
    newestMatches(db, SEARCH_TABLES.manualContract, query, 'created_at', () => {}, limit),
  ])
  const osago = osagoIds.length
    ? inOrder(
        osagoIds,
        (await db('osago_policy')
          .join('osago_document', 'osago_document.id', 'osago_policy.id')
          .select(OSAGO_COLUMNS)
          .whereIn('osago_policy.id', osagoIds)) as OsagoContractRow[],
      )
    : []
  const casco = cascoIds.length
    ? inOrder(cascoIds, (await db('casco_quote').select(CASCO_COLUMNS).whereIn('id', cascoIds)) as CascoContractRow[])
    : []
  const manual = manualIds.length
    ? inOrder(manualIds, (await db('manual_contract').whereIn('id', manualIds)) as ManualContractRow[])
    : []
  const changes = await appliedOsagoChanges(
    db,
    osago.map((r) => r.id),
  )
  const contracts = [
    ...osago.map((r) => osagoContract(r, changes.get(r.id) ?? [])).filter((c): c is ContractData => c !== null),
    ...casco.map(cascoContract).filter((c): c is ContractData => c !== null),
    ...manual.map(manualContract),
  ]
  return summarise(db, contracts)
}
