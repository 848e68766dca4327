import type { Knex } from 'knex'
import type { CascoFirstPayment, CascoScheduleRecord } from '../../shared/casco/contract'
import { CASCO_CONTRACT_STATUSES } from '../../shared/casco/lifecycle'
import { compareDates, type CalendarDate } from '../../shared/dates/calendarDate'
import type {
  ContractInstalment,
  ContractInstalments,
  InstalmentPaymentView,
} from '../../shared/payments/instalmentsContract'
import type { CascoInstalmentTermsFile } from '../../shared/payments/instalmentTerms'
import { instalmentPayable, instalmentState, type NextWorkingDay } from '../../shared/payments/instalments'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { fromStored } from '../db/tables'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'

/**
 * A CASCO contract's instalments as the journal has them (docs/domain/payments.md#casco-instalments): the schedule
 * stored on the contract at issue, and the `payment` rows naming the contract (`payment_record_idx`) with purpose
 * `casco_instalment` and the instalment's position. The first instalment is paid at issue (its receipt is on the
 * contract, `first_payment`). A reversal is a row the other way naming the row it reverses; what counts is the net.
 */

type Reader = Db | Knex.Transaction

export const INSTALMENT_PURPOSE = 'casco_instalment'
export const CONTRACT_RECORD_TYPE = 'casco_quote'

export interface InstalmentContractRow {
  id: string
  status: string
  contract_number: string | null
  insured_name: string | null
  vehicle_name: string | null
  plate: string | null
  vin: string | null
  end_date: string | null
  terminated_on: string | null
  schedule: CascoScheduleRecord | null
  first_payment: CascoFirstPayment | null
}

export interface InstalmentPaymentRow {
  id: string
  record_id: string
  direction: 'in' | 'out'
  instalment_no: number | null
  amount_kopecks: number
  method: InstalmentPaymentView['method']
  receipt: { number: string }
  paid_at: string
  clerk_name: string
  reverses_id: string | null
}

export const CONTRACT_COLUMNS = [
  'id',
  'status',
  'contract_number',
  'insured_name',
  'vehicle_name',
  'plate',
  'vin',
  'end_date',
  'terminated_on',
  'schedule',
  'first_payment',
] as const

export function toContractRow(raw: Record<string, unknown>): InstalmentContractRow {
  const r = fromStored('casco_quote', raw) as unknown as InstalmentContractRow
  return r
}

/** The instalment payments of some contracts, oldest first (payment_record_idx). */
export function instalmentPaymentsQuery(db: Reader, contractIds: readonly string[]): Knex.QueryBuilder {
  return db('payment')
    .where({ record_type: CONTRACT_RECORD_TYPE, purpose: INSTALMENT_PURPOSE })
    .whereIn('record_id', [...contractIds])
    .orderBy('paid_at')
    .select(
      'id',
      'record_id',
      'direction',
      'instalment_no',
      'amount_kopecks',
      'method',
      'receipt',
      'paid_at',
      'clerk_name',
      'reverses_id',
    )
}

/** The instalment payments of these contracts, by contract id (one indexed read per 500 contracts). */
export async function instalmentPayments(
  db: Reader,
  contractIds: readonly string[],
): Promise<Map<string, InstalmentPaymentRow[]>> {
  const out = new Map<string, InstalmentPaymentRow[]>()
  for (let i = 0; i < contractIds.length; i += 500) {
    const rows = (await instalmentPaymentsQuery(db, contractIds.slice(i, i + 500))) as Array<Record<string, unknown>>
    for (const raw of rows) {
      const r = fromStored('payment', raw) as unknown as InstalmentPaymentRow
      const list = out.get(r.record_id) ?? []
      list.push(r)
      out.set(r.record_id, list)
    }
  }
  return out
}

export async function findInstalmentContract(db: Reader, id: string): Promise<InstalmentContractRow> {
  const raw = (await db('casco_quote')
    .where({ id })
    .first(...CONTRACT_COLUMNS)) as Record<string, unknown> | undefined
  if (!raw) throw new AppError('NOT_FOUND', 'errors.notFound')
  const row = toContractRow(raw)
  if (!CASCO_CONTRACT_STATUSES.includes(row.status as never) || !row.schedule)
    throw new AppError('CONFLICT', 'instalments.errors.notContract')
  return row
}

/** The terms a contract runs under: the version in force on its first payment date (the day it was concluded). */
export function contractTerms(reference: ReferenceData, schedule: CascoScheduleRecord): CascoInstalmentTermsFile {
  return referenceInForce(reference, 'casco-instalment-terms', schedule.payments[0]!.dueDate)
}

/**
 * Each instalment's state on `today`. An instalment is payable only when every earlier one is paid and the
 * contract is still open: a contract ended for a missed instalment, or terminated, takes no more.
 */
export function contractInstalments(
  c: InstalmentContractRow,
  payments: readonly InstalmentPaymentRow[],
  today: CalendarDate,
  terms: CascoInstalmentTermsFile,
  calendar: NextWorkingDay,
): ContractInstalments {
  const schedule = c.schedule!
  // A reversal carries its own position; when it does not, it takes the reversed row's.
  const positionOf = new Map(payments.map((p) => [p.id, p.instalment_no]))
  const byNo = new Map<number, InstalmentPaymentRow[]>()
  for (const p of payments) {
    const no = p.instalment_no ?? (p.reverses_id ? positionOf.get(p.reverses_id) : null)
    if (!no) continue
    byNo.set(no, [...(byNo.get(no) ?? []), p])
  }
  const inForce = CASCO_CONTRACT_STATUSES.includes(c.status as never) && !c.terminated_on
  let open = inForce
  let earlierUnpaid = false
  const items: ContractInstalment[] = schedule.payments.map((s, index) => {
    const no = index + 1
    const rows = byNo.get(no) ?? []
    const views: InstalmentPaymentView[] = rows.map((p) => ({
      id: p.id,
      direction: p.direction,
      amountKopecks: p.amount_kopecks,
      method: p.method,
      receiptNumber: p.receipt.number,
      paidAt: p.paid_at,
      clerkName: p.clerk_name,
    }))
    if (no === 1 && c.first_payment) {
      const f = c.first_payment
      views.unshift({
        id: null,
        direction: 'in',
        amountKopecks: f.amountKopecks,
        method: f.method,
        receiptNumber: f.receiptNumber,
        paidAt: f.paidAt,
        clerkName: null,
      })
    }
    const paidKopecks =
      no === 1 ? s.amountKopecks : rows.reduce((sum, p) => sum + (p.direction === 'in' ? 1 : -1) * p.amount_kopecks, 0)
    const state = instalmentState(
      { dueDate: s.dueDate, paid: paidKopecks >= s.amountKopecks },
      today,
      terms.data,
      calendar,
    )
    if (state.consequence?.kind === 'terminated') open = false
    const payable = inForce && !earlierUnpaid && instalmentPayable(state)
    if (state.status !== 'paid') earlierUnpaid = true
    return {
      instalmentNo: no,
      dueDate: s.dueDate,
      amountKopecks: s.amountKopecks,
      paidKopecks,
      status: state.status,
      lastDayToPay: state.lastDayToPay,
      graceLastDay: state.graceLastDay,
      daysLeft: state.daysLeft,
      consequence: state.consequence,
      payable,
      payments: views,
    }
  })
  // Once the contract has ended for a missed instalment, none after it may be paid either.
  if (!open) for (const i of items) i.payable = false
  return {
    contractId: c.id,
    contractNumber: c.contract_number,
    today,
    open,
    termsVersion: terms.version,
    partialPayments: terms.data.partialPayments.value,
    items,
  }
}

/** The contract's last day has passed: its later instalments are no longer owed. */
export function contractEnded(c: InstalmentContractRow, today: CalendarDate): boolean {
  return c.end_date !== null && compareDates(c.end_date, today) < 0
}
