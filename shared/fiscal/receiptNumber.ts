import { z } from 'zod'

/**
 * A receipt number typed by the clerk when the branch has no register connected to Branch Desk: the cash register's
 * fiscal document number (ФД №, tag 1040 of the ФФД) as printed on the receipt, optionally followed by its fiscal
 * sign (ФП, tag 1077). Why these two (docs/domain/payments.md#54-fz-receipts, decision 103): the ФД number is on
 * every receipt and is unique within the register's fiscal drive, while «Чек №» (tag 1042) starts again every shift;
 * the ФП is what the tax service's check of a receipt asks for together with the ФД number.
 *
 * Accepted, letters in any case, spaces free: «12345», «ФД 12345», «ФД № 12345», «ФД: 12345», and with the sign
 * «12345 ФП 1234567890», «ФД 12345, ФП 1234567890», «12345/1234567890». The ФД number has 1–10 digits and is not 0;
 * the ФП has 1–10 digits. Stored normalised: «ФД 12345» or «ФД 12345 ФП 1234567890».
 */
export interface TypedReceiptNumber {
  fdNumber: number
  fiscalSign: string | null
}

const LABEL_FD = String.raw`(?:ФД|FD)\s*(?:№|N|#)?\s*:?\s*`
const LABEL_FP = String.raw`(?:ФП|ФПД|FP)\s*:?\s*`
const PATTERN = new RegExp(
  // The sign needs its label or a separator: «12345 67890» is no receipt number a register prints.
  String.raw`^(?:${LABEL_FD})?(\d{1,10})(?:(?:\s*[,;/]\s*(?:${LABEL_FP})?|\s*${LABEL_FP})(\d{1,10}))?$`,
  'iu',
)

export function parseTypedReceiptNumber(input: string): TypedReceiptNumber | null {
  const m = PATTERN.exec(input.trim().replace(/\s+/gu, ' '))
  if (!m) return null
  const fdNumber = Number(m[1])
  if (fdNumber < 1) return null
  // A sign written with leading zeros is the same sign; the register prints it without them.
  const fiscalSign = m[2] === undefined ? null : String(Number(m[2]))
  return { fdNumber, fiscalSign }
}

export function validateTypedReceiptNumber(input: string): boolean {
  return parseTypedReceiptNumber(input) !== null
}

/** The one form a typed number is stored in; null when it is not one. */
export function normalizeTypedReceiptNumber(input: string): string | null {
  const p = parseTypedReceiptNumber(input)
  if (!p) return null
  return p.fiscalSign === null ? `ФД ${p.fdNumber}` : `ФД ${p.fdNumber} ФП ${p.fiscalSign}`
}

/** The message a form shows at a bad typed number (natural Russian in shared/i18n/ru/validation.ts). */
export const RECEIPT_NUMBER_MESSAGE = 'validation.receiptNumber.format'

/** For the payment schemas: checks a typed number and gives it in its stored form. */
export const typedReceiptNumberSchema = z
  .string()
  .max(60, { message: RECEIPT_NUMBER_MESSAGE })
  .refine(validateTypedReceiptNumber, { message: RECEIPT_NUMBER_MESSAGE })
  .transform((s) => normalizeTypedReceiptNumber(s) ?? s)
