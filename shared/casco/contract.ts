import { z } from 'zod'
import type { ApprovalDecision } from '../approval/decision'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import type { Role } from '../contract/roles'
import type { OsagoFormReference } from '../osago/formReference'
import { PAYMENT_METHODS, type PaymentMethod } from '../osago/policy'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import { cascoDraftSchema } from './draftSchema'
import type { CascoDraft } from './draft'
import type { CascoQuoteInput } from './quoteInput'
import type { CascoQuote } from './quoteTypes'
import type { CascoPlan } from './schedule'
import type { AntiTheftSystem } from './tariffSchema'
import type { CascoWhatIf } from './whatIf'
import { DESK, INSPECTION_READERS } from '../staff/roleGroups'

/**
 * A CASCO case from the first quote to the printed contract. Lifecycle:
 * draft (autosaved as typed) → quoted (every option priced, the result stored) → submitted (an option chosen,
 * the case complete, waiting for the underwriter with the inspection report) → returned (to the clerk for
 * changes) | approved | approved-with-conditions | rejected → issued (number, schedule, first instalment) → printed.
 * Editing a quoted or returned case takes it back to draft. A draft, quoted or returned case can be discarded.
 */
export const CASCO_QUOTE_STATUSES = [
  'draft',
  'quoted',
  'submitted',
  'returned',
  'approved',
  'approved-with-conditions',
  'rejected',
  'issued',
  'printed',
  'discarded',
] as const
export type CascoQuoteStatus = (typeof CASCO_QUOTE_STATUSES)[number]
export const CASCO_APPROVED: readonly CascoQuoteStatus[] = ['approved', 'approved-with-conditions']

/** Sellers work the quotes; the supervisor also decides on them (never on their own, see approval). */
export const CASCO_SELLERS: readonly Role[] = DESK

export interface CascoFirstPayment {
  amountKopecks: number
  method: PaymentMethod
  receiptNumber: string
  paidAt: string
}

export interface CascoScheduleRecord {
  plan: CascoPlan
  totalKopecks: number
  payments: Array<{ dueDate: string; amountKopecks: number }>
  surchargeUnverified: boolean
}

/** The inspection made for this quote, as the clerk sees it (status only; the report is the supervisor's). */
export interface CascoInspectionLink {
  id: string
  number: string
  status: 'draft' | 'submitted' | 'returned'
  inspectorName: string
  submittedAt: string | null
  returnReason: string | null
}

export interface CascoQuoteRecord {
  id: string
  status: CascoQuoteStatus
  draft: CascoDraft
  /** What was priced, from `quoted` on. */
  quoteInput: CascoQuoteInput | null
  result: CascoQuote | null
  /** Index of the chosen option in `result.options`. */
  chosenOption: number | null
  premiumKopecks: number | null
  totalKopecks: number | null
  sumInsuredKopecks: number | null
  tariffVersion: string | null
  /** "Kia Rio" from the catalogue, or the name typed for a model it does not list. */
  vehicleName: string | null
  startDate: string | null
  endDate: string | null
  createdBy: { id: string; name: string } | null
  submittedAt: string | null
  submittedBy: { id: string; name: string } | null
  inspection: CascoInspectionLink | null
  /** Every decision on the case, oldest first; the last one is in force. */
  decisions: ApprovalDecision[]
  contractNumber: string | null
  schedule: CascoScheduleRecord | null
  firstPayment: CascoFirstPayment | null
  issuedAt: string | null
  issuedBy: { id: string; name: string } | null
  printedAt: string | null
  createdAt: string
  updatedAt: string
  rowVersion: number
}

export interface CascoQuoteSummary {
  id: string
  status: CascoQuoteStatus
  insuredName: string | null
  vehicleName: string | null
  plate: string | null
  vin: string | null
  contractNumber: string | null
  sumInsuredKopecks: number | null
  totalKopecks: number | null
  startDate: string | null
  updatedAt: string
}

/** A quote an inspector may link an inspection to. */
export interface CascoQuoteForInspection {
  id: string
  status: CascoQuoteStatus
  insuredName: string | null
  vehicleName: string | null
  year: number | null
  plate: string | null
  vin: string | null
  createdAt: string
}

/**
 * The live comparison beside the form: every option priced with its what-if alternatives (shared/casco/whatIf.ts),
 * or the first thing missing (an i18n key at a field).
 */
export type CascoLiveQuote =
  | { ok: true; quote: CascoQuote; whatIf: CascoWhatIf[] }
  | { ok: false; field: string | null; messageKey: string; params: Record<string, string | number>; message: string }

/** What the CASCO form needs from the reference data in force on the quote date. */
export interface CascoFormReference extends Pick<
  OsagoFormReference,
  'date' | 'regions' | 'makes' | 'models' | 'categories'
> {
  antiTheftSystems: AntiTheftSystem[]
  /** The instalment surcharges in force, as decimal shares ("0.03"). */
  planSurcharges: Record<CascoPlan, string>
  tariffVersion: string
  programsVersion: string
  underwriting: { branchSumInsuredLimitKopecks: number | null; discountCorridorPercent: number | null }
}

export const cascoPaymentInput = z.strictObject({
  method: z.enum(PAYMENT_METHODS, { message: 'validation.required' }),
  // Empty when this computer's register prints the receipt; without a register the typed number is required and
  // checked by core/payments/receipt.ts (`takeReceipt`), which answers at this field.
  receiptNumber: z.string().trim().max(40, { message: 'validation.text.tooLong' }),
  amountKopecks: z.number().int().positive(),
})

const ref = { id: idSchema, rowVersion: rowVersionSchema }

export const cascoContract = {
  'casco/get-form-reference': channel<CascoFormReference>()({
    input: z.strictObject({ date: z.string().max(10).optional() }).optional(),
    access: CASCO_SELLERS,
  }),
  'casco/create-quote': channel<CascoQuoteRecord>()({ input: z.strictObject({}).optional(), access: CASCO_SELLERS }),
  'casco/save-draft': channel<CascoQuoteRecord>()({
    input: z.strictObject({ ...ref, draft: cascoDraftSchema }),
    access: CASCO_SELLERS,
  }),
  'casco/get-quote': channel<CascoQuoteRecord>()({ input: z.strictObject({ id: idSchema }), access: CASCO_SELLERS }),
  'casco/list-quotes': channel<ListPage<CascoQuoteSummary>>()({
    input: z.strictObject({
      query: z.string().trim().max(100).optional(),
      status: z.enum(CASCO_QUOTE_STATUSES).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    access: CASCO_SELLERS,
  }),
  /** Prices the form as it stands, without saving: the side-by-side comparison updates while the clerk types. */
  'casco/preview-quote': channel<CascoLiveQuote>()({
    input: z.strictObject({ draft: cascoDraftSchema }),
    access: CASCO_SELLERS,
  }),
  'casco/calculate-quote': channel<CascoQuoteRecord>()({ input: z.strictObject(ref), access: CASCO_SELLERS }),
  'casco/choose-option': channel<CascoQuoteRecord>()({
    input: z.strictObject({ ...ref, option: z.number().int().min(0).max(20) }),
    access: CASCO_SELLERS,
  }),
  'casco/submit-for-approval': channel<CascoQuoteRecord>()({ input: z.strictObject(ref), access: CASCO_SELLERS }),
  'casco/issue-contract': channel<CascoQuoteRecord>()({
    input: z.strictObject({ ...ref, payment: cascoPaymentInput }),
    access: CASCO_SELLERS,
  }),
  'casco/discard-quote': channel<CascoQuoteRecord>()({ input: z.strictObject(ref), access: CASCO_SELLERS }),
  /** The inspector picks the quote an inspection is for: quotes that still need a report. */
  'casco/list-for-inspection': channel<CascoQuoteForInspection[]>()({
    input: z.strictObject({ query: z.string().trim().max(100).optional() }).optional(),
    access: INSPECTION_READERS,
  }),
} as const
