/**
 * The payments journal's vocabulary (issue 16; docs/domain/payments.md#cash-day): every premium taken and refund
 * paid at the branch is one `payment` row, only ever inserted. A mistake is reversed by a new row in the opposite
 * direction with the same purpose (`reverses_id`), never edited.
 */
export const PAYMENT_DIRECTIONS = ['in', 'out'] as const
export type PaymentDirection = (typeof PAYMENT_DIRECTIONS)[number]

export const PAYMENT_PURPOSES = [
  'osago_premium',
  'osago_change_premium',
  'osago_change_refund',
  'osago_duplicate_fee',
  'casco_premium',
  'casco_instalment',
  'termination_refund',
] as const
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number]

/** How money moves: cash through the till, a card terminal, or a bank transfer (a refund by payment order). */
export const MONEY_METHODS = ['cash', 'card', 'bank'] as const
export type MoneyMethod = (typeof MONEY_METHODS)[number]

/**
 * The fiscal attributes of a receipt the register printed (ФФД tags 1041 ФН, 1040 ФД, 1077 ФП, 1038 shift,
 * 1042 receipt in shift, 1012 date-time): the same shape as core/fiscal/api.ts `FiscalAttributes`.
 */
export interface PaymentFiscal {
  registerSerial: string
  fnNumber: string
  fdNumber: number
  fiscalSign: string
  shiftNumber: number
  receiptInShift: number
  issuedAt: string
  driver: string
}

/** What the payment row keeps of its receipt: the number on paper and, when a register printed it, its attributes. */
export interface PaymentReceipt {
  number: string
  fiscal: PaymentFiscal | null
}

/** One row of the journal as the screen and the reports read it. */
export interface JournalEntry {
  id: string
  direction: PaymentDirection
  purpose: PaymentPurpose
  recordType: string
  recordId: string
  instalmentNo: number | null
  amountKopecks: number
  method: MoneyMethod
  receipt: PaymentReceipt
  clerkId: string
  clerkName: string
  paidAt: string
  businessDay: string
  reversesId: string | null
  /** Set when a later row reverses this one. */
  reversedBy: string | null
}
