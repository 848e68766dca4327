import type { Knex } from 'knex'
import { cashReport, type CashReport, type CashReportLine } from '../../shared/payments/cashReport'
import type { JournalEntry, MoneyMethod, PaymentPurpose } from '../../shared/payments/payment'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { fromStored, type RowOf } from '../db/tables'

export type PaymentRow = RowOf<'payment'>
export type CashDayRow = RowOf<'cash_day'>
type Reader = Db | Knex.Transaction

export function toEntry(row: PaymentRow, reversedBy: string | null = null): JournalEntry {
  return {
    id: row.id,
    direction: row.direction,
    purpose: row.purpose,
    recordType: row.record_type,
    recordId: row.record_id,
    instalmentNo: row.instalment_no,
    amountKopecks: row.amount_kopecks,
    method: row.method,
    receipt: row.receipt,
    clerkId: row.clerk_id,
    clerkName: row.clerk_name,
    paidAt: row.paid_at,
    businessDay: row.business_day,
    reversesId: row.reverses_id,
    reversedBy,
  }
}

export async function findPaymentRow(db: Reader, id: string): Promise<PaymentRow> {
  const row = (await db('payment').where({ id }).first()) as Record<string, unknown> | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return fromStored('payment', row)
}

export async function cashDayRow(db: Reader, day: string): Promise<CashDayRow | null> {
  const row = (await db('cash_day').where({ day }).first()) as Record<string, unknown> | undefined
  return row ? fromStored('cash_day', row) : null
}

/** The closed days from `from` on (a payment's business day skips them). */
export async function closedDaysFrom(db: Reader, from: string): Promise<Set<string>> {
  const days = (await db('cash_day').where({ status: 'closed' }).andWhere('day', '>=', from).pluck('day')) as string[]
  return new Set(days)
}

/** The last closed day before `day`: its closing cash is `day`'s opening. */
export async function lastClosedBefore(db: Reader, day: string): Promise<CashDayRow | null> {
  const row = (await db('cash_day')
    .where({ status: 'closed' })
    .andWhere('day', '<', day)
    .orderBy('day', 'desc')
    .first()) as Record<string, unknown> | undefined
  return row ? fromStored('cash_day', row) : null
}

/** An open day before `day` with payments in it: closing `day` first would skip its cash. */
export async function openDayBefore(db: Reader, day: string): Promise<string | null> {
  const row = (await db('cash_day')
    .where({ status: 'open' })
    .andWhere('day', '<', day)
    .orderBy('day', 'asc')
    .first('day')) as { day: string } | undefined
  return row?.day ?? null
}

export interface JournalFilter {
  day: string
  clerkId?: string | undefined
  method?: MoneyMethod | undefined
  purpose?: PaymentPurpose | undefined
}

function filtered(db: Reader, f: JournalFilter): Knex.QueryBuilder {
  const q = db('payment').where('payment.business_day', f.day)
  if (f.clerkId) q.andWhere('payment.clerk_id', f.clerkId)
  if (f.method) q.andWhere('payment.method', f.method)
  if (f.purpose) q.andWhere('payment.purpose', f.purpose)
  return q
}

/** One page of the day's journal, newest first, with the row that reversed each (if any). */
export async function journalPage(
  db: Reader,
  f: JournalFilter,
  limit: number,
  offset: number,
): Promise<{ items: JournalEntry[]; total: number }> {
  const rows = (await filtered(db, f)
    .select('payment.*')
    .orderBy([
      { column: 'payment.paid_at', order: 'desc' },
      { column: 'payment.id', order: 'desc' },
    ])
    .limit(limit)
    .offset(offset)) as Array<Record<string, unknown>>
  const ids = rows.map((r) => String(r.id))
  const reversals = ids.length
    ? ((await db('payment').whereIn('reverses_id', ids).select('id', 'reverses_id')) as Array<{
        id: string
        reverses_id: string
      }>)
    : []
  const by = new Map(reversals.map((r) => [r.reverses_id, r.id]))
  const [{ n }] = (await filtered(db, f).count({ n: '*' })) as [{ n: number }]
  return { items: rows.map((r) => toEntry(fromStored('payment', r), by.get(String(r.id)) ?? null)), total: Number(n) }
}

/** The day's payments as the cash report reads them (one clerk's when given). */
export async function reportLines(db: Reader, day: string, clerkId?: string): Promise<CashReportLine[]> {
  const q = db('payment').where({ business_day: day })
  if (clerkId) q.andWhere({ clerk_id: clerkId })
  const rows = (await q
    .select('direction', 'purpose', 'method', 'amount_kopecks', 'clerk_id', 'clerk_name', 'reverses_id')
    .orderBy('paid_at')) as Array<{
    direction: CashReportLine['direction']
    purpose: CashReportLine['purpose']
    method: CashReportLine['method']
    amount_kopecks: number
    clerk_id: string
    clerk_name: string
    reverses_id: string | null
  }>
  return rows.map((r) => ({
    direction: r.direction,
    purpose: r.purpose,
    method: r.method,
    amountKopecks: r.amount_kopecks,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    reversesId: r.reverses_id,
  }))
}

/**
 * The cash report of `day`: the frozen one of a closed day, else computed from its payments with the previous
 * closed day's closing cash as the opening. With `clerkId`, that clerk's part alone: what they took and paid out,
 * opening at zero, so its closing cash is what the clerk hands over.
 */
export async function computeCashReport(db: Reader, day: string, clerkId?: string): Promise<CashReport> {
  const row = await cashDayRow(db, day)
  if (row?.status === 'closed' && row.report && !clerkId) return row.report
  if (clerkId) return cashReport(day, 0, await reportLines(db, day, clerkId))
  const previous = await lastClosedBefore(db, day)
  return cashReport(day, previous?.report?.closingCashKopecks ?? 0, await reportLines(db, day))
}
