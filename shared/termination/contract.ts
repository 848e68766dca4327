import { z } from 'zod'
import { channel } from '../contract/channel'
import type { ListPage } from '../contract/listPage'
import { idSchema, rowVersionSchema } from '../staff/schemas'
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  CASCO_SALE_CHOICES,
  PAYOUT_METHODS,
  applicationDetailsSchema,
  contractRefSchema,
  documentsInput,
  manualContractInput,
  type ApplicationSummary,
  type ContractSource,
  type ContractSummary,
  type TerminationApplication,
} from './application'
import type { RefundCalculation } from './applicationRefund'
import type { ChecklistResult } from './documentChecklist'
import type { LatePayoutResult } from './latePenalty'
import { TERMINATION_GROUNDS, type LatePayoutConsequence } from './rulesSchema'
import { DESK, REFUND_APPROVERS } from '../staff/roleGroups'

/** Clerks and supervisors take applications, calculate and pay; only a supervisor approves above the threshold. */

/** The refund as it would be for an application received today, or what stops it (an i18n key at a field). */
export type RefundPreview =
  | { ok: true; calculation: RefundCalculation; checklist: ChecklistResult }
  | { ok: false; field: string | null; messageKey: string; message: string; checklist: ChecklistResult | null }

export interface DeadlineItem {
  applicationId: string
  incomingNumber: string
  policyholderName: string
  contractNumber: string
  kind: TerminationApplication['details']['kind']
  status: TerminationApplication['status']
  dueDate: string
  /** Negative when overdue. */
  daysLeft: number
  refundKopecks: number | null
  /** Overdue only: what the delay has cost up to today, by the basis the calculation names. */
  penaltyKopecks: number | null
  /** Overdue only: the penalty of seed 004 or GK RF art. 395 interest (absent: the penalty). */
  latePayoutConsequence?: LatePayoutConsequence | null
  /** Overdue with a calculation: what the delay has cost so far, period by period (interest past the key-rate table flagged). */
  latePayout?: LatePayoutResult | null
}

export interface CoolingOffClosingItem {
  contractId: string
  source: ContractSource
  contractNumber: string
  policyholderName: string
  conclusionDate: string
  windowEnd: string
  daysLeft: number
}

export interface DeadlineList {
  today: string
  dueSoonDays: number
  dueSoon: DeadlineItem[]
  overdue: DeadlineItem[]
  coolingOffClosing: CoolingOffClosingItem[]
}

/** What the preview needs: as the form stands, possibly incomplete. */
const previewInput = z.strictObject({
  contract: contractRefSchema,
  kind: z.enum(APPLICATION_KINDS),
  ground: z.enum(TERMINATION_GROUNDS).nullable(),
  eventDate: z.string().max(10).nullable(),
  cascoChoice: z.enum(CASCO_SALE_CHOICES).nullable(),
  insuredEventOccurred: z.boolean(),
  representative: z.boolean(),
  payoutMethod: z.enum(PAYOUT_METHODS).nullable(),
  /** By post: the postmark date, which the rules count from; null when handed in at the counter. */
  postmarkDate: z.string().max(10).nullable().default(null),
  /** Cooling-off: a later end date the client asks for. */
  requestedTerminationDate: z.string().max(10).nullable().default(null),
  /** Previewing an application already received: its own contract hold does not count. */
  applicationId: idSchema.optional(),
})
export type PreviewInput = z.input<typeof previewInput>

export const terminationContract = {
  'termination/find-contracts': channel<ContractSummary[]>()({
    input: z.strictObject({
      query: z.string().trim().min(2, { message: 'termination.problem.queryTooShort' }).max(100),
    }),
    access: DESK,
  }),
  'termination/enter-contract': channel<ContractSummary>()({
    input: z.strictObject({ contract: manualContractInput }),
    access: DESK,
  }),
  'termination/preview-refund': channel<RefundPreview>()({ input: previewInput, access: DESK }),
  'termination/register-application': channel<TerminationApplication>()({
    input: z.strictObject({ contract: contractRefSchema, details: applicationDetailsSchema }),
    access: DESK,
  }),
  'termination/update-application': channel<TerminationApplication>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, details: applicationDetailsSchema }),
    access: DESK,
  }),
  'termination/set-documents': channel<TerminationApplication>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema, documents: documentsInput }),
    access: DESK,
  }),
  /** Documents checked, refund calculated and stored, the contract marked terminated: received → calculated. */
  'termination/complete-application': channel<TerminationApplication>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: DESK,
  }),
  'termination/approve-application': channel<TerminationApplication>()({
    input: z.strictObject({ id: idSchema, rowVersion: rowVersionSchema }),
    access: REFUND_APPROVERS,
  }),
  'termination/record-payout': channel<TerminationApplication>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      paymentDocument: z
        .string({ error: () => 'validation.required' })
        .trim()
        .min(1, { message: 'validation.required' })
        .max(60, { message: 'validation.text.tooLong' }),
    }),
    access: DESK,
  }),
  'termination/refuse-application': channel<TerminationApplication>()({
    input: z.strictObject({
      id: idSchema,
      rowVersion: rowVersionSchema,
      reason: z
        .string({ error: () => 'validation.required' })
        .trim()
        .min(3, { message: 'validation.required' })
        .max(500, { message: 'validation.text.tooLong' }),
    }),
    access: DESK,
  }),
  'termination/get-application': channel<TerminationApplication>()({
    input: z.strictObject({ id: idSchema }),
    access: DESK,
  }),
  /** What a payout today would add for the delay, period by period (the payout dialog); null when not overdue. */
  'termination/preview-late-payout': channel<LatePayoutResult | null>()({
    input: z.strictObject({ id: idSchema }),
    access: DESK,
  }),
  'termination/list-applications': channel<ListPage<ApplicationSummary>>()({
    input: z.strictObject({
      query: z.string().trim().max(100).optional(),
      status: z.enum(APPLICATION_STATUSES).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    access: DESK,
  }),
  'termination/list-deadlines': channel<DeadlineList>()({
    input: z.strictObject({ dueSoonDays: z.number().int().min(0).max(30).default(3) }).optional(),
    access: DESK,
  }),
} as const
