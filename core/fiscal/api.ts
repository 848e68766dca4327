/**
 * The fiscal-register interface (issue 16, point 1; docs/domain/payments.md#54-fz-receipts): what the payments
 * journal (core/payments) calls to get a receipt for a premium taken or a refund paid. Other features import only
 * this file.
 */
import type { FiscalSettings } from '../../shared/fiscal/contract'
import { AtolWebRegister } from './atol/atolWebRegister'

export type { FiscalSettings } from '../../shared/fiscal/contract'
export {
  validateTypedReceiptNumber,
  normalizeTypedReceiptNumber,
  parseTypedReceiptNumber,
  typedReceiptNumberSchema,
  RECEIPT_NUMBER_MESSAGE,
} from '../../shared/fiscal/receiptNumber'
export { FiscalError } from './fiscalError'
export { readFiscalSettings } from './fiscalSettings'

export interface FiscalReceiptRequest {
  /** `sell`: приход (tag 1054 = 1), a premium taken; `sellReturn`: возврат прихода (1054 = 2), a refund paid. */
  operation: 'sell' | 'sellReturn'
  amountKopecks: number
  /** cash → наличными (tag 1031); card and bank → безналичными (tag 1081). */
  method: 'cash' | 'card' | 'bank'
  /** The receipt's one line (tag 1030), e.g. «Страховая премия ОСАГО ХХХ 0123456789»; at most 128 characters. */
  itemName: string
  /** The cashier (tag 1021) and their INN (tag 1203) when the branch knows it. */
  cashier: { name: string; inn?: string }
  /** The client's phone or e-mail (tag 1008) when they want the receipt sent to them. */
  clientContact?: string
}

/** The receipt's fiscal attributes as the register reported them; stored with the payment. */
export interface FiscalAttributes {
  /** The register's registration number (РН ККТ, tag 1037) — what identifies the register on the receipt. */
  registerSerial: string
  /** The fiscal drive's number (ФН, tag 1041). */
  fnNumber: string
  /** The fiscal document's number (ФД, tag 1040). */
  fdNumber: number
  /** The fiscal sign (ФП, tag 1077), digits. */
  fiscalSign: string
  /** The shift (tag 1038). */
  shiftNumber: number
  /** The receipt's number within the shift (tag 1042). */
  receiptInShift: number
  /** When the register issued it (tag 1012), as an ISO instant. */
  issuedAt: string
  /** Which driver took it ('atol-web'). */
  driver: string
}

export interface RegisterStatus {
  shiftOpen: boolean
  /** The open shift's number; null when the shift is closed. */
  shiftNumber: number | null
  /** Open for more than 24 hours: the register refuses receipts until the shift is closed. */
  expired?: boolean
}

export interface FiscalCashier {
  name: string
  inn?: string
}

/**
 * One register. Every method throws a FiscalError (an AppError with a message key in `fiscal.errors.*`) when the
 * register refuses or does not answer; `receipt`'s error says whether the receipt may have been printed anyway.
 */
export interface FiscalRegister {
  readonly driver: string
  receipt(req: FiscalReceiptRequest): Promise<FiscalAttributes>
  status(): Promise<RegisterStatus>
  openShift?(cashier: FiscalCashier): Promise<void>
  closeShift?(cashier: FiscalCashier): Promise<{ zReportFdNumber: number }>
}

/** The register the settings name; null: this computer has none, and receipt numbers are typed. */
export function fiscalRegisterFor(settings: FiscalSettings | null): FiscalRegister | null {
  if (!settings || settings.driver === 'none') return null
  return new AtolWebRegister({ url: settings.url, timeoutMs: settings.timeoutSeconds * 1000 })
}
