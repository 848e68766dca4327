import { z } from 'zod'
import type { CascoQuoteRecord, CascoQuoteStatus } from '../casco/contract'
import { channel } from '../contract/channel'
import type { InspectionSummary } from '../inspection/summary'
import { idSchema } from '../staff/schemas'
import { decideInput, type ApprovalCheck, type ApprovalDecisionKind } from './decision'
import { CASCO_CASE_DECIDERS } from '../staff/roleGroups'

/**
 * The supervisors' queue (docs/domain/casco.md#c6). A case is a submitted CASCO quote; it is ready for a decision once
 * its inspection report is submitted too. Only supervisors see the queue, and the core refuses a decision by
 * anyone who created, submitted or inspected the case (four eyes), whatever the screen shows.
 */
export const QUEUE_SCOPES = ['ready', 'waiting', 'decided'] as const
export type QueueScope = (typeof QUEUE_SCOPES)[number]

export interface ApprovalQueueItem {
  quoteId: string
  status: CascoQuoteStatus
  insuredName: string | null
  vehicleName: string | null
  plate: string | null
  sumInsuredKopecks: number | null
  totalKopecks: number | null
  submittedAt: string | null
  submittedByName: string | null
  inspection: { id: string; number: string; status: 'draft' | 'submitted' | 'returned'; damageCount: number } | null
  /** The checks that fire on the case now. */
  checks: ApprovalCheck[]
  ready: boolean
  lastDecision: { decision: ApprovalDecisionKind; decidedAt: string; decidedByName: string } | null
  /** The caller may decide on this case (four eyes); false with the reason otherwise. */
  mayDecide: boolean
}

export interface ApprovalCase {
  quote: CascoQuoteRecord
  inspection: InspectionSummary | null
  checks: ApprovalCheck[]
  ready: boolean
  /** Null when the caller may decide; otherwise why not (an i18n key). */
  refusal: string | null
}

export const approvalContract = {
  'approval/list-queue': channel<{ items: ApprovalQueueItem[] }>()({
    input: z.strictObject({
      scope: z.enum(QUEUE_SCOPES).default('ready'),
      query: z.string().trim().max(100).optional(),
    }),
    access: CASCO_CASE_DECIDERS,
  }),
  'approval/get-case': channel<ApprovalCase>()({
    input: z.strictObject({ quoteId: idSchema }),
    access: CASCO_CASE_DECIDERS,
  }),
  'approval/decide': channel<ApprovalCase>()({ input: decideInput, access: CASCO_CASE_DECIDERS }),
} as const
