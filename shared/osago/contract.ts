import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import type { OsagoPremium } from './calculator'
import { osagoDraftSchema } from './draftSchema'
import { OSAGO_STATUSES, PAYMENT_METHODS, type OsagoPolicy, type OsagoPolicySummary } from './policy'
import type { OsagoFormReference } from './formReference'
import type { OsagoRegistration } from './registration'
import type { OsagoWhatIf } from './whatIf'
import { DESK } from '../staff/roleGroups'

/** OSAGO is sold at the counter. */
const SELLERS = DESK

/**
 * The outcome of a live quote: the premium with its what-if alternatives (shared/osago/whatIf.ts), or the first
 * thing missing for it (an i18n key at a field).
 */
export type OsagoQuote =
  | { ok: true; premium: OsagoPremium; whatIf: OsagoWhatIf[] }
  | { ok: false; field: string | null; messageKey: string; params: Record<string, string | number>; message: string }

export const paymentInput = z.strictObject({
  method: z.enum(PAYMENT_METHODS, { message: 'validation.required' }),
  // Empty when this computer's register prints the receipt; without a register the typed number is required and
  // checked by core/payments/receipt.ts (`takeReceipt`), which answers at this field.
  receiptNumber: z.string().trim().max(40, { message: 'validation.text.tooLong' }),
  amountKopecks: z.number().int().positive(),
})

export const osagoContract = {
  'osago/get-form-reference': channel<OsagoFormReference>()({
    input: z.strictObject({ date: z.string().max(10).optional() }).optional(),
    access: SELLERS,
  }),
  'osago/create-draft': channel<OsagoPolicy>()({ input: z.strictObject({}).optional(), access: SELLERS }),
  'osago/save-draft': channel<OsagoPolicy>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, draft: osagoDraftSchema }),
    access: SELLERS,
  }),
  'osago/get-policy': channel<OsagoPolicy>()({ input: z.strictObject({ id: idSchema }), access: SELLERS }),
  /** Where the policy stands with the national register, and whether its blank may be printed now. */
  'osago/get-registration': channel<OsagoRegistration>()({ input: z.strictObject({ id: idSchema }), access: SELLERS }),
  'osago/list-policies': channel<ListPage<OsagoPolicySummary>>()({
    input: z.strictObject({
      query: z.string().trim().max(100).optional(),
      status: z.enum(OSAGO_STATUSES).optional(),
      dateFrom: z.string().max(10).optional(),
      dateTo: z.string().max(10).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    access: SELLERS,
  }),
  'osago/quote-premium': channel<OsagoQuote>()({ input: z.strictObject({ draft: osagoDraftSchema }), access: SELLERS }),
  /**
   * Saves the draft on screen and prices it, in one call (one «Рассчитать» = one round trip). Without a draft the
   * stored one is priced.
   */
  'osago/calculate-policy': channel<OsagoPolicy>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, draft: osagoDraftSchema.optional() }),
    access: SELLERS,
  }),
  'osago/issue-policy': channel<OsagoPolicy>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      payment: paymentInput,
      blankId: idSchema.optional(),
    }),
    access: SELLERS,
  }),
  'osago/reissue-on-new-blank': channel<OsagoPolicy>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      reason: z
        .string()
        .trim()
        .min(3, { message: 'validation.required' })
        .max(300, { message: 'validation.text.tooLong' }),
      blankId: idSchema.optional(),
    }),
    access: SELLERS,
  }),
  'osago/discard-draft': channel<OsagoPolicy>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: SELLERS,
  }),
  'osago/suggest-streets': channel<string[]>()({
    input: z.strictObject({ region: z.string().max(120), city: z.string().max(120), prefix: z.string().max(160) }),
    access: SELLERS,
  }),
} as const
