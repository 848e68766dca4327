import { z } from 'zod'
import { channel } from '../contract/channel'
import { osagoDraftSchema } from '../osago/draftSchema'
import { paymentInput } from '../osago/contract'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import { DESK } from '../staff/roleGroups'
import { REFUND_PAYOUT_METHODS, type OsagoChange } from './change'
import { requiredDateSchema } from '../validation/dateField'
import { RECEIPT_NUMBER_MESSAGE, validateTypedReceiptNumber } from '../fiscal/receiptNumber'
import { CHANGE_KIND_CODES, type ChangeKind } from './changeRules'

/** Changes and duplicates are made at the counter, by those who sell OSAGO there. */
const SELLERS = DESK

const reasonSchema = z
  .string({ message: 'validation.required' })
  .trim()
  .min(3, { message: 'validation.required' })
  .max(300, { message: 'validation.text.tooLong' })

/** The kinds a change may be, as the rules in force today list them (for the screen's choice). */
export interface ChangeKindsView {
  rulesVersion: string
  kinds: ChangeKind[]
  duplicateFeeKopecks: number
  duplicateFeeSource: string
}

export const osagoChangeContract = {
  'osagoChange/get-kinds': channel<ChangeKindsView>()({ input: z.strictObject({}).optional(), access: SELLERS }),
  'osagoChange/list-changes': channel<OsagoChange[]>()({
    input: z.strictObject({ policyId: idSchema }),
    access: SELLERS,
  }),
  'osagoChange/get-change': channel<OsagoChange>()({ input: z.strictObject({ id: idSchema }), access: SELLERS }),
  /** Starts a change of one kind on an issued or printed policy; its data start as the policy's current data. */
  'osagoChange/start-change': channel<OsagoChange>()({
    input: z.strictObject({ policyId: idSchema, kind: z.enum(CHANGE_KIND_CODES, { message: 'validation.required' }) }),
    access: SELLERS,
  }),
  /** Saves the edited data; only the parts the kind changes are taken. */
  'osagoChange/save-change': channel<OsagoChange>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, after: osagoDraftSchema }),
    access: SELLERS,
  }),
  /** Saves (when data is sent) and prices: the additional premium or the refund by the rules. */
  'osagoChange/calculate-change': channel<OsagoChange>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, after: osagoDraftSchema.optional() }),
    access: SELLERS,
  }),
  /** Applies a priced change: the payment of an additional premium is required; a new blank for a re-issue. */
  'osagoChange/apply-change': channel<OsagoChange>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      payment: paymentInput.optional(),
      blankId: idSchema.optional(),
    }),
    access: SELLERS,
  }),
  /**
   * Records the refund an applied change owes as paid: how, the cash receipt or payment order number, the day.
   * Only once, only for a refund due (shared/osagoChange/lifecycle.ts).
   */
  'osagoChange/record-refund-payout': channel<OsagoChange>()({
    input: z
      .strictObject({
        id: idSchema,
        rowVersion: rowVersionSchema,
        method: z.enum(REFUND_PAYOUT_METHODS, { message: 'validation.required' }),
        // The refund receipt's fiscal document number (cash, card; shared/fiscal/receiptNumber.ts) — empty when this
        // computer's register prints it, required without one (core/payments takeReceipt) — or the payment order's
        // number (bank).
        document: z
          .string({ error: () => 'validation.required' })
          .trim()
          .max(60, { message: 'validation.text.tooLong' }),
        paidOn: requiredDateSchema,
      })
      .superRefine((v, ctx) => {
        if (v.method === 'bank' && v.document === '')
          ctx.addIssue({ code: 'custom', path: ['document'], message: 'validation.required' })
        else if (v.method !== 'bank' && v.document !== '' && !validateTypedReceiptNumber(v.document))
          ctx.addIssue({ code: 'custom', path: ['document'], message: RECEIPT_NUMBER_MESSAGE })
      }),
    access: SELLERS,
  }),
  'osagoChange/discard-change': channel<OsagoChange>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: SELLERS,
  }),
  /** A duplicate of a lost policy: the same data on a new blank, the old blank recorded lost, the fee by the rules. */
  'osagoChange/issue-duplicate': channel<OsagoChange>()({
    input: z.strictObject({
      policyId: idSchema,
      policyRowVersion: rowVersionSchema,
      reason: reasonSchema,
      blankId: idSchema.optional(),
      payment: paymentInput.optional(),
    }),
    access: SELLERS,
  }),
} as const
