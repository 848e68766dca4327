import type { Knex } from 'knex'
import type { CalendarDate } from '../../shared/dates/calendarDate'
import {
  DUE_LIST_STATUSES,
  type DueInstalment,
  type DueInstalmentPage,
  type DueListStatus,
} from '../../shared/payments/instalmentsContract'
import type { NextWorkingDay } from '../../shared/payments/instalments'
import type { Db } from '../db/openDatabase'
import type { ReferenceData } from '../reference/loadReferenceData'
import {
  CONTRACT_COLUMNS,
  contractInstalments,
  contractTerms,
  instalmentPayments,
  toContractRow,
} from './instalmentRows'

/**
 * The due list «Взносы КАСКО» (docs/domain/payments.md#casco-instalments): every unpaid later instalment of the
 * branch's CASCO contracts in force, most urgent first (by the last day to pay). Derived, not stored (decision 106):
 * the contracts still running are a range of `casco_end_idx` (end_date ≥ today; `+status` keeps the planner off the
 * status index), a year's multi-instalment sales at most; their payments one indexed read
 * (`payment_record_idx`); the status is the pure rule of shared/payments/instalments.ts on the branch's today.
 * The phone comes from the contract's document for the rows of the page only.
 */

const CONTRACT = "('issued', 'printed')"

const PHONE = `coalesce(nullif(json_extract(d.draft, '$.insured.phone'), ''),
  nullif(json_extract(d.draft, '$.owner.person.phone'), ''), nullif(json_extract(d.draft, '$.owner.entity.phone'), ''))`

type Reader = Db | Knex.Transaction

/** The CASCO contracts in force on `today` paid in more than one instalment: a range of casco_end_idx. */
export function contractsInForce(db: Reader, today: CalendarDate): Knex.QueryBuilder {
  return db('casco_quote')
    .where('end_date', '>=', today)
    .whereRaw(`+status in ${CONTRACT}`)
    .whereNull('terminated_on')
    .whereRaw(`json_array_length(schedule, '$.payments') > 1`)
    .select(...CONTRACT_COLUMNS)
}

/** Every unpaid instalment after the first of the contracts in force on `today`, most urgent first. */
export async function dueInstalments(
  db: Reader,
  reference: ReferenceData,
  calendar: NextWorkingDay,
  today: CalendarDate,
): Promise<Array<Omit<DueInstalment, 'phone'>>> {
  const raws = (await contractsInForce(db, today)) as Array<Record<string, unknown>>
  const contracts = raws.map(toContractRow)
  const payments = await instalmentPayments(
    db,
    contracts.map((c) => c.id),
  )
  const out: Array<Omit<DueInstalment, 'phone'>> = []
  for (const c of contracts) {
    const s = contractInstalments(c, payments.get(c.id) ?? [], today, contractTerms(reference, c.schedule!), calendar)
    for (const i of s.items) {
      if (i.instalmentNo === 1 || i.status === 'paid') continue
      out.push({
        contractId: c.id,
        contractNumber: c.contract_number,
        client: c.insured_name,
        vehicle: c.vehicle_name,
        // A vehicle not yet registered is named by its VIN.
        plate: c.plate ?? c.vin,
        instalmentNo: i.instalmentNo,
        instalmentCount: s.items.length,
        dueDate: i.dueDate,
        amountKopecks: i.amountKopecks,
        owedKopecks: i.amountKopecks - Math.max(0, i.paidKopecks),
        status: i.status as DueListStatus,
        lastDayToPay: i.lastDayToPay,
        graceLastDay: i.graceLastDay,
        daysLeft: i.daysLeft,
        consequence: i.consequence,
        payable: i.payable,
      })
    }
  }
  out.sort(
    (a, b) =>
      a.lastDayToPay.localeCompare(b.lastDayToPay) ||
      (a.contractNumber ?? '').localeCompare(b.contractNumber ?? '') ||
      a.instalmentNo - b.instalmentNo,
  )
  return out
}

const norm = (s: string) => s.toLocaleLowerCase('ru').replace(/[\s\-()+]/g, '')

export async function dueListPage(
  db: Reader,
  reference: ReferenceData,
  calendar: NextWorkingDay,
  today: CalendarDate,
  filter: {
    statuses?: readonly DueListStatus[] | undefined
    query?: string | undefined
    limit: number
    offset: number
  },
  reminderDaysBefore: number,
): Promise<DueInstalmentPage> {
  const all = await dueInstalments(db, reference, calendar, today)
  const q = filter.query ? norm(filter.query) : ''
  const matching = q
    ? all.filter((i) => [i.contractNumber, i.client, i.plate].some((v) => v !== null && norm(v).includes(q)))
    : all
  const counts = Object.fromEntries(DUE_LIST_STATUSES.map((s) => [s, 0])) as Record<DueListStatus, number>
  for (const i of matching) counts[i.status]++
  const wanted = filter.statuses?.length ? new Set(filter.statuses) : null
  const listed = wanted ? matching.filter((i) => wanted.has(i.status)) : matching
  const page = listed.slice(filter.offset, filter.offset + filter.limit)
  const phones = await phonesOf(
    db,
    page.map((i) => i.contractId),
  )
  return {
    items: page.map((i) => ({ ...i, phone: phones.get(i.contractId) ?? null })),
    total: listed.length,
    today,
    counts,
    reminderDaysBefore,
  }
}

/** The client's phone from each contract's document (by primary key, the page's rows only). */
async function phonesOf(db: Reader, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map()
  const rows = (await db('casco_document as d')
    .whereIn('d.id', [...new Set(ids)])
    .select('d.id', db.raw(`${PHONE} as phone`))) as Array<{ id: string; phone: string | null }>
  return new Map(rows.map((r) => [r.id, r.phone]))
}
