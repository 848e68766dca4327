import type { MoneyMethod, PaymentDirection, PaymentPurpose, PaymentReceipt } from '../../shared/payments/payment'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import type { HandlerContext } from '../ipc/handlers'
import {
  fiscalRegisterFor,
  normalizeTypedReceiptNumber,
  readFiscalSettings,
  RECEIPT_NUMBER_MESSAGE,
  type FiscalRegister,
} from '../fiscal/api'

export interface ReceiptDeps {
  db: Db
  /** The register to use instead of the one this computer's settings name (tests; null: none). */
  register?: FiscalRegister | null
}

export interface ReceiptRequest {
  direction: PaymentDirection
  purpose: PaymentPurpose
  amountKopecks: number
  method: MoneyMethod
  /** The receipt's line (tag 1030): what the money is for, e.g. «Страховая премия ОСАГО ХХХ 0123456789». */
  itemName: string
  /** Typed by the clerk when there is no register: the number of the receipt the stand-alone register printed. */
  receiptNumber?: string
  /**
   * A refund's payment document (РКО for cash, платёжное поручение for a transfer), typed as the clerk has it:
   * stored as the number when no register prints a receipt, never checked as a receipt number.
   */
  paymentDocument?: string
  /** The form field a bad typed number is reported on. */
  field?: string
}

const itemLine = (s: string) => (s.length > 128 ? `${s.slice(0, 127)}…` : s)

/**
 * Before the write (async, outside the transaction): the receipt for a payment — printed by this computer's register
 * when it has one (приход for money taken, возврат прихода for money paid out; 54-FZ art. 1.2, 4.7), else the number
 * the clerk typed, checked and normalised (shared/fiscal/receiptNumber.ts). A bank transfer is not settled through
 * the branch's register: its payment document is the number (docs/domain/payments.md#cash-day, decision 105).
 * Throws AppError VALIDATION with the field error on `payment.receiptNumber` for a bad or missing typed number.
 */
export async function takeReceipt(
  deps: ReceiptDeps,
  ctx: HandlerContext,
  req: ReceiptRequest,
): Promise<PaymentReceipt> {
  const field = req.field ?? 'payment.receiptNumber'
  const register =
    req.method === 'bank'
      ? null
      : deps.register !== undefined
        ? deps.register
        : fiscalRegisterFor(await readFiscalSettings(deps.db))
  if (register) {
    const fiscal = await register.receipt({
      operation: req.direction === 'in' ? 'sell' : 'sellReturn',
      amountKopecks: req.amountKopecks,
      method: req.method,
      itemName: itemLine(req.itemName),
      cashier: { name: ctx.user?.fullName ?? ctx.actor.login ?? '' },
    })
    return { number: `ФД ${fiscal.fdNumber} ФП ${fiscal.fiscalSign}`, fiscal }
  }
  const document = req.paymentDocument?.trim()
  if (document) return { number: document, fiscal: null }
  const typed = req.receiptNumber?.trim() ?? ''
  if (!typed) throw new AppError('VALIDATION', 'errors.validation', {}, { [field]: 'validation.required' })
  if (req.method === 'bank') return { number: typed, fiscal: null }
  const normal = normalizeTypedReceiptNumber(typed)
  if (!normal) throw new AppError('VALIDATION', 'errors.validation', {}, { [field]: RECEIPT_NUMBER_MESSAGE })
  return { number: normal, fiscal: null }
}
