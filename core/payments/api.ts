/**
 * The payments journal as other features use it (issue 16; docs/domain/payments.md#cash-day). Every place money
 * moves at the branch calls `takeReceipt` before its write and `recordPayment` inside it.
 */
import type { CashReport } from '../../shared/payments/cashReport'
import type { MoneyMethod } from '../../shared/payments/payment'
import type { Db } from '../db/openDatabase'
import { computeCashReport } from './paymentRows'

export type { PaymentReceipt, PaymentFiscal, MoneyMethod, PaymentPurpose } from '../../shared/payments/payment'
export type { CashReport } from '../../shared/payments/cashReport'
export { takeReceipt, type ReceiptDeps, type ReceiptRequest } from './receipt'
export { recordPayment, type RecordPaymentInput } from './recordPayment'
export { toEntry, type PaymentRow, type CashDayRow } from './paymentRows'

/** What a payment form sends: the amount, the method, and the typed receipt number when there is no register. */
export interface PaymentInput {
  amountKopecks: number
  method: MoneyMethod
  receiptNumber?: string
}

/**
 * The cash report of a business day for the branch (frozen once the day is closed), or one clerk's part
 * (opening at zero: what they took and paid out). For printing and export (core/reports).
 */
export function cashReportFor(db: Db, day: string, clerkId?: string): Promise<CashReport> {
  return computeCashReport(db, day, clerkId)
}

/** The radar of the branch's dates (core/radar): the due list's instalments, by the same rule as «Взносы КАСКО». */
export { dueInstalments } from './dueList'
