import { z } from 'zod'
import { policyBlank } from '../validation/policyBlank'
import { idSchema } from '../staff/schemas'

/**
 * A blank's life: received into stock → used by one policy, or spoiled (kept with a reason); a used blank the
 * client lost is recorded lost when its duplicate is issued (docs/domain/paper-blanks.md). Never back.
 */
export const BLANK_STATUSES = ['available', 'used', 'spoiled', 'lost'] as const
export type BlankStatus = (typeof BLANK_STATUSES)[number]

/** One receipt of blanks covers at most this many numbers: a typo in a range must not create a million rows. */
export const MAX_BLANKS_PER_RANGE = 10_000

/** Both numbers are 10-digit strings, so comparing them as numbers is exact (below 2^53). */
export function rangeSize(fromNumber: string, toNumber: string): number {
  return Number(toNumber) - Number(fromNumber) + 1
}

export function blankNumberAt(fromNumber: string, offset: number): string {
  return String(Number(fromNumber) + offset).padStart(10, '0')
}

export const receiveRangeInput = z
  .strictObject({
    series: policyBlank.seriesSchema,
    fromNumber: policyBlank.numberSchema,
    toNumber: policyBlank.numberSchema,
  })
  .superRefine((v, ctx) => {
    const size = rangeSize(v.fromNumber, v.toNumber)
    if (size < 1) ctx.addIssue({ code: 'custom', path: ['toNumber'], message: 'validation.blankRange.order' })
    else if (size > MAX_BLANKS_PER_RANGE)
      ctx.addIssue({ code: 'custom', path: ['toNumber'], message: 'validation.blankRange.tooMany' })
  })

export const spoilReasonSchema = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1, { message: 'validation.required' })
  .min(3, { message: 'validation.spoilReason.tooShort' })
  .max(300, { message: 'validation.text.tooLong' })

export const spoilBlankInput = z.strictObject({
  blankId: idSchema,
  reason: spoilReasonSchema,
})

export const listBlanksInput = z
  .strictObject({
    status: z.enum(BLANK_STATUSES).optional(),
    series: policyBlank.seriesSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .optional()

export interface Blank {
  id: string
  series: string
  number: string
  status: BlankStatus
  receivedAt: string
  receivedBy: string | null
  /** The OSAGO policy printed on it; kept when a used blank is spoiled. */
  policyId: string | null
  usedAt: string | null
  usedBy: string | null
  spoiledAt: string | null
  spoiledBy: string | null
  spoiledReason: string | null
  rowVersion: number
}

export interface BlankCounts {
  received: number
  used: number
  spoiled: number
  onHand: number
}

export interface BlankStock {
  totals: BlankCounts
  bySeries: Array<BlankCounts & { series: string }>
}

export interface ReceivedRange {
  series: string
  fromNumber: string
  toNumber: string
  count: number
}
