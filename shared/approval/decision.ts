import { z } from 'zod'
import { isCalendarDate } from '../dates/calendarDate'

/**
 * A supervisor's decision on a CASCO case (docs/domain/casco.md#c6). Approve, approve with conditions (e.g. damaged
 * parts excluded from cover), return for changes — to the clerk (terms) or to the inspector (report) — or reject.
 * Decisions are append-only: a later one supersedes an earlier one, nothing is edited.
 */
export const APPROVAL_DECISIONS = ['approved', 'approved-with-conditions', 'returned', 'rejected'] as const
export type ApprovalDecisionKind = (typeof APPROVAL_DECISIONS)[number]

export const RETURN_TARGETS = ['clerk', 'inspector'] as const
export type ReturnTarget = (typeof RETURN_TARGETS)[number]

/** An underwriting check that fired on a case: why a person had to look at it. */
export interface ApprovalCheck {
  /** Stable code: the engine's (`sumInsuredAboveLimit`, `theftProneModel`, `oldVehicle`, `youngDrivers`, …) or the inspection's (`damageFound`, …). */
  code: string
  messageKey: string
  params: Record<string, string | number>
  /** Where the fact comes from: the priced terms or the inspection report. */
  source: 'quote' | 'inspection'
}

export interface ApprovalDecision {
  id: string
  quoteId: string
  /** The quote as it stood when decided (its row version). */
  quoteRowVersion: number
  inspectionId: string | null
  decision: ApprovalDecisionKind
  returnTo: ReturnTarget | null
  comment: string | null
  conditions: string[]
  validUntil: string | null
  /** The checks that had fired when the decision was taken. */
  checks: ApprovalCheck[]
  decidedBy: string
  decidedByName: string
  decidedAt: string
}

const text = (max: number) => z.string().trim().max(max, { message: 'validation.text.tooLong' })

/**
 * What the decision form sends. Each decision asks for what it needs: a comment for a return or a refusal, whom
 * a return goes to, conditions for a conditional approval, and a validity date for any approval.
 */
export const decideInput = z
  .strictObject({
    quoteId: z.uuid({ message: 'validation.id.format' }),
    /** The quote's row version the supervisor looked at: a case that changed meanwhile must be looked at again. */
    quoteRowVersion: z.number().int().min(1),
    decision: z.enum(APPROVAL_DECISIONS, { message: 'validation.required' }),
    comment: text(2000).default(''),
    conditions: z.array(text(500)).max(20).default([]),
    validUntil: z.string().max(10).nullish(),
    returnTo: z.enum(RETURN_TARGETS).nullish(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const approval = v.decision === 'approved' || v.decision === 'approved-with-conditions'
    if (approval) {
      if (!v.validUntil) issue('validUntil', 'validation.required')
      else if (!isCalendarDate(v.validUntil)) issue('validUntil', 'validation.date.format')
    }
    if (v.decision === 'approved-with-conditions' && v.conditions.filter((c) => c.length > 0).length === 0) {
      issue('conditions', 'approval.errors.conditionsRequired')
    }
    if ((v.decision === 'returned' || v.decision === 'rejected') && v.comment.length === 0) {
      issue(
        'comment',
        v.decision === 'returned' ? 'approval.errors.returnCommentRequired' : 'approval.errors.rejectReasonRequired',
      )
    }
    if (v.decision === 'returned' && !v.returnTo) issue('returnTo', 'validation.required')
  })
export type DecideInput = z.output<typeof decideInput>
