import { z } from 'zod'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'
import type { CalendarDate } from '../dates/calendarDate'
import { MissingRuleError } from './errors'

/**
 * Schema of `resources/rules/termination.json`: every share, deadline, rate and checklist that decides a refund.
 * They are data (DOMAIN.md product decisions) because the Bank of Russia and the insurer change them; the
 * calculator reads them from the version in force on the contract's conclusion date.
 */
export const TERMINATION_RULES_KIND = 'termination-rules'

export const TERMINATION_GROUNDS = ['owner-change', 'death', 'vehicle-loss', 'license-revoked', 'mobilisation'] as const
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number]

/** Documents the branch asks for; each code has a text under `termination.document.<code>`. */
export const TERMINATION_DOCUMENTS = [
  'application',
  'passport',
  'originalPolicy',
  'paymentProof',
  'bankDetails',
  'saleContract',
  'deathCertificate',
  'heirDocuments',
  'deregistrationCertificate',
  'militaryCertificate',
  'notarisedPowerOfAttorney',
] as const
export type TerminationDocument = (typeof TERMINATION_DOCUMENTS)[number]

/** A share of the premium as a decimal string, so that it enters money arithmetic as an exact ratio. */
const shareSchema = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: 'a decimal share between 0 and 1' })

const nonWorkingLastDaySchema = z.enum(['keep', 'next-working-day'])

const deadlineSchema = z.object({
  count: z.number().int().positive(),
  unit: z.enum(['calendar-days', 'working-days']),
  /**
   * For calendar-day deadlines: whether a last day that is non-working stays (the product decision for OSAGO:
   * "14 calendar days after receipt") or moves to the next working day (GK RF art. 193). Ignored for working days.
   */
  lastDayNonWorking: nonWorkingLastDaySchema,
}).strict()
export type Deadline = z.infer<typeof deadlineSchema>

const checklistSchema = z.object({
  required: z.array(z.enum(TERMINATION_DOCUMENTS)).min(1),
  /** Added when a representative, not the insured, hands in the application. */
  whenRepresentative: z.array(z.enum(TERMINATION_DOCUMENTS)),
}).strict()
export type DocumentChecklist = z.infer<typeof checklistSchema>

const groundSchema = z.object({
  /** Which date ends the contract: the day the application is received, or the date of the event itself. */
  terminationDate: verifiedValue(z.enum(['application-date', 'event-date'])),
  documents: verifiedValue(checklistSchema),
}).strict()
export type GroundRule = z.infer<typeof groundSchema>

const groundsSchema = z.object(
  Object.fromEntries(TERMINATION_GROUNDS.map((g) => [g, groundSchema])) as Record<TerminationGround, typeof groundSchema>,
).strict()

export const terminationRulesDataSchema = z.object({
  osago: z.object({
    /** Share of the premium meant for insurance payouts; only this share is refunded pro rata. */
    riskShare: verifiedValue(shareSchema),
    payoutDeadline: verifiedValue(deadlineSchema),
    grounds: groundsSchema,
  }).strict(),
  coolingOff: z.object({
    /** Calendar days, counted from the day after conclusion. */
    windowDays: verifiedValue(z.number().int().positive()),
    windowLastDayNonWorking: verifiedValue(nonWorkingLastDaySchema),
    payoutDeadline: verifiedValue(deadlineSchema),
    documents: verifiedValue(checklistSchema),
  }).strict(),
  latePayout: z.object({
    /** Penalty per day of delay as a share of the amount due. */
    penaltyRatePerDay: verifiedValue(shareSchema),
  }).strict(),
  supervisorApproval: z.object({
    /** A refund above this amount needs the supervisor's approval before payout. */
    refundThresholdKopecks: verifiedValue(z.number().int().nonnegative()),
  }).strict(),
  cascoSale: z.object({
    /** GK RF art. 958 p. 1: the insurer keeps the premium for the time in force, less its expense share. */
    refundRule: verifiedValue(z.object({
      method: z.literal('pro-rata-unexpired-days'),
      expenseShare: shareSchema,
    }).strict()),
    /** Deadline for paying the CASCO refund, counted from the day after the application is received. */
    payoutDeadline: verifiedValue(deadlineSchema),
    documents: verifiedValue(checklistSchema),
  }).strict(),
}).strict()

export type TerminationRules = z.infer<typeof terminationRulesDataSchema>

export const terminationRulesFileSchema = referenceFile(TERMINATION_RULES_KIND, terminationRulesDataSchema)
export type TerminationRulesFile = z.infer<typeof terminationRulesFileSchema>

/** The rules version in force on `date` (the contract's conclusion date); stops when none is. */
export function terminationRulesInForce(files: readonly TerminationRulesFile[], date: CalendarDate): TerminationRulesFile {
  const file = versionInForce(files, date)
  if (!file) throw new MissingRuleError(TERMINATION_RULES_KIND, '(version)', `no version in force on ${date}`)
  return file
}
