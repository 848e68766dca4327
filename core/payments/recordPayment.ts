import type { Knex } from 'knex'
import { businessDayOf } from '../../shared/payments/businessDay'
import type { MoneyMethod, PaymentDirection, PaymentPurpose, PaymentReceipt } from '../../shared/payments/payment'
import { todayIn } from '../../shared/dates/calendarDate'
import { AppError } from '../app/appError'
import type { Writer } from '../db/write'
import { cashDayRow, closedDaysFrom, type CashDayRow, type PaymentRow } from './paymentRows'

export interface RecordPaymentInput {
  direction: PaymentDirection
  purpose: PaymentPurpose
  /** The record the money is for: 'osago_policy', 'casco_quote', 'osago_change', 'termination_application'. */
  recordType: string
  recordId: string
  instalmentNo?: number | null
  amountKopecks: number
  method: MoneyMethod
  receipt: PaymentReceipt
  clerk: { id: string; name: string }
  /** ISO instant the money moved. */
  paidAt: string
  /** The branch's time zone: the business day is the date of `paidAt` there. */
  timeZone: string
  /** A reversal: the row it cancels, and why. */
  reversesId?: string | null
  reason?: string | null
}

async function branchId(trx: Knex.Transaction): Promise<string> {
  const row = (await trx('branch').first('id')) as { id: string } | undefined
  if (!row) throw new AppError('CONFLICT', 'payments.errors.noBranch')
  return row.id
}

/** The day's row, opened by this payment when it is the day's first. */
export async function openCashDay(w: Writer, branch: string, day: string): Promise<CashDayRow> {
  const row = await cashDayRow(w.trx, day)
  if (row) return row
  return w.insert('cash_day', { branch_id: branch, day, status: 'open', report: null })
}

/**
 * Inside the caller's write(): the payment row into the day it belongs to (the date of `paidAt` in the branch's time
 * zone, or the next open one when that day is closed — shared/payments/businessDay.ts), with its outbox and audit
 * entries in the caller's transaction. The payments feature's write hook refuses it if the day were closed all the
 * same (core/payments/app.ts).
 */
export async function recordPayment(w: Writer, p: RecordPaymentInput): Promise<PaymentRow> {
  if (!Number.isSafeInteger(p.amountKopecks) || p.amountKopecks <= 0)
    throw new AppError(
      'VALIDATION',
      'payments.errors.amount',
      {},
      { 'payment.amountKopecks': 'payments.errors.amount' },
    )
  const paid = new Date(p.paidAt)
  const closed = await closedDaysFrom(w.trx, todayIn(p.timeZone, paid))
  const day = businessDayOf(paid, p.timeZone, (d) => closed.has(d))
  const branch = await branchId(w.trx)
  const cashDay = await openCashDay(w, branch, day)
  return w.insert('payment', {
    branch_id: branch,
    direction: p.direction,
    purpose: p.purpose,
    record_type: p.recordType,
    record_id: p.recordId,
    instalment_no: p.instalmentNo ?? null,
    amount_kopecks: p.amountKopecks,
    method: p.method,
    receipt: p.receipt,
    clerk_id: p.clerk.id,
    clerk_name: p.clerk.name,
    paid_at: p.paidAt,
    business_day: day,
    cash_day_id: cashDay.id,
    reverses_id: p.reversesId ?? null,
    reason: p.reason ?? null,
  })
}
