import { z } from 'zod'
import { referenceFile, verifiedValue, versionInForce } from '../reference/envelope'
import type { CalendarDate } from '../dates/calendarDate'
import { MissingRuleError } from './errors'

/**
 * Schema of `resources/rules/termination.json`: every share, deadline, rate and checklist that decides a refund.
 * They are data (docs/domain/product-decisions.md) because the Bank of Russia and the insurer change them; the
 * calculator reads them from the version in force on the contract's conclusion date (the late-payout consequence
 * from the version in force on the payout due date, see `latePayout`).
 */
export const TERMINATION_RULES_KIND = 'termination-rules'

export const TERMINATION_GROUNDS = [
  'owner-change',
  'death',
  'vehicle-loss',
  'license-revoked',
  'mobilisation',
  'policyholder-liquidation',
  'insurer-false-information',
] as const
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number]

/** Documents the branch asks for; each code has a text under `termination.document.<code>`. */
export const TERMINATION_DOCUMENTS = [
  'application',
  'passport',
  'originalPolicy',
  'paymentProof',
  'bankDetails',
  'saleContract',
  'ptsCopyWithNewOwner',
  'deathCertificate',
  'heirDocuments',
  'deregistrationCertificate',
  'militaryCertificate',
  'liquidationRecord',
  'applicantAuthority',
  'insurerNotice',
  'noticeDeliveryProof',
  'notarisedPowerOfAttorney',
] as const
export type TerminationDocument = (typeof TERMINATION_DOCUMENTS)[number]

/** A share of the premium as a decimal string, so that it enters money arithmetic as an exact ratio. */
const shareSchema = z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: 'a decimal share between 0 and 1' })

const nonWorkingLastDaySchema = z.enum(['keep', 'next-working-day'])

const deadlineSchema = z
  .object({
    count: z.number().int().positive(),
    unit: z.enum(['calendar-days', 'working-days']),
    /**
     * For calendar-day deadlines: whether a last day that is non-working stays or moves to the next working day
     * (GK RF art. 193). Ignored for working days.
     */
    lastDayNonWorking: nonWorkingLastDaySchema,
  })
  .strict()
export type Deadline = z.infer<typeof deadlineSchema>

const checklistSchema = z
  .object({
    required: z.array(z.enum(TERMINATION_DOCUMENTS)).min(1),
    /** Added when a representative, not the insured, hands in the application. */
    whenRepresentative: z.array(z.enum(TERMINATION_DOCUMENTS)),
  })
  .strict()
export type DocumentChecklist = z.infer<typeof checklistSchema>

/** Which date ends the contract: the day the application is filed, or the date of the event the application reports. */
const terminationDateSchema = z.enum(['application-date', 'event-date'])
export type TerminationDateRule = z.infer<typeof terminationDateSchema>

const groundSchema = z
  .object({
    terminationDate: verifiedValue(terminationDateSchema),
    /**
     * `osago-formula`: the payout share of the premium pro rata to the unexpired term
     * (docs/domain/terminations-and-refunds.md#d2); `none`: the contract ends and the premium is not returned (the
     * insurer's termination for false information, docs/domain/terminations-and-refunds.md#d1).
     */
    refund: verifiedValue(z.enum(['osago-formula', 'none'])),
    documents: verifiedValue(checklistSchema),
  })
  .strict()
export type GroundRule = z.infer<typeof groundSchema>

const groundsSchema = z
  .object(
    Object.fromEntries(TERMINATION_GROUNDS.map((g) => [g, groundSchema])) as Record<
      TerminationGround,
      typeof groundSchema
    >,
  )
  .strict()

/** How much of a CASCO premium comes back: nothing (GK RF art. 958 p. 3), or pro rata less an expense share. */
const cascoRefundRuleSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('none') }).strict(),
  z.object({ method: z.literal('pro-rata-unexpired-days'), expenseShare: shareSchema }).strict(),
])
export type CascoRefundRule = z.infer<typeof cascoRefundRuleSchema>

const cascoCaseSchema = z
  .object({
    terminationDate: verifiedValue(terminationDateSchema),
    refundRule: verifiedValue(cascoRefundRuleSchema),
    /** Deadline for paying the CASCO refund, counted from the day after the application is filed. */
    payoutDeadline: verifiedValue(deadlineSchema),
    documents: verifiedValue(checklistSchema),
  })
  .strict()
export type CascoCaseRule = z.infer<typeof cascoCaseSchema>

/** What a late refund costs the insurer: the penalty of seed 004, or interest at the key rate (GK RF art. 395). */
export const LATE_PAYOUT_CONSEQUENCES = ['contractual-penalty', 'statutory-interest'] as const
export type LatePayoutConsequence = (typeof LATE_PAYOUT_CONSEQUENCES)[number]

export const terminationRulesDataSchema = z
  .object({
    osago: z
      .object({
        /** Share of the premium meant for insurance payouts; only this share is refunded pro rata. */
        riskShare: verifiedValue(shareSchema),
        payoutDeadline: verifiedValue(deadlineSchema),
        grounds: groundsSchema,
      })
      .strict(),
    /**
     * How long an application is still served once the contract has ended on an event (death, loss): years from the
     * termination date (GK RF art. 196, 200), the last day moved off a non-working day when the data says so.
     */
    limitationPeriod: verifiedValue(
      z.object({ years: z.number().int().positive(), lastDayNonWorking: nonWorkingLastDaySchema }).strict(),
    ),
    /**
     * An application sent by post is filed on the postmark date (GK RF art. 194 p. 2): the termination date and every
     * window count from it. `payoutDeadlineFrom` says whether the insurer's payout deadline does too.
     */
    postedApplication: verifiedValue(
      z.object({ payoutDeadlineFrom: z.enum(['postmark-date', 'receipt-date']) }).strict(),
    ),
    coolingOff: z
      .object({
        /** Calendar days, counted from the day after conclusion. */
        windowDays: verifiedValue(z.number().int().positive()),
        windowLastDayNonWorking: verifiedValue(nonWorkingLastDaySchema),
        /** Whether the contract may end on a later date the client asks for, inside the window (3854-U). */
        laterDateOnRequest: verifiedValue(z.boolean()),
        payoutDeadline: verifiedValue(deadlineSchema),
        documents: verifiedValue(checklistSchema),
      })
      .strict(),
    latePayout: z
      .object({
        /** Which consequence applies; HQ selects it by shipping a rules version (docs/domain/product-decisions.md). */
        consequence: verifiedValue(z.enum(LATE_PAYOUT_CONSEQUENCES)),
        /** Penalty per day of delay as a share of the amount due. */
        penaltyRatePerDay: verifiedValue(shareSchema),
        /**
         * GK RF art. 395 p. 1: interest at the Bank of Russia key rate for each period it was in force; a day's interest
         * is amount × rate ÷ the number of days in that calendar year.
         */
        statutoryInterest: verifiedValue(
          z.object({ keyRateTable: z.literal('key-rate'), dayBasis: z.literal('days-in-calendar-year') }).strict(),
        ),
      })
      .strict(),
    supervisorApproval: z
      .object({
        /** A refund above this amount needs the supervisor's approval before payout. */
        refundThresholdKopecks: verifiedValue(z.number().int().nonnegative()),
      })
      .strict(),
    /** CASCO ended because the car was sold (GK RF art. 958 p. 1). */
    cascoSale: cascoCaseSchema,
    /** CASCO ended because the car was lost for a reason other than an insured event (GK RF art. 958 p. 1). */
    cascoLoss: cascoCaseSchema,
    /** The client refuses CASCO after the cooling-off (GK RF art. 958 p. 2–3). */
    cascoRefusal: cascoCaseSchema,
  })
  .strict()

export type TerminationRules = z.infer<typeof terminationRulesDataSchema>

export const terminationRulesFileSchema = referenceFile(TERMINATION_RULES_KIND, terminationRulesDataSchema)
export type TerminationRulesFile = z.infer<typeof terminationRulesFileSchema>

/** The rules version in force on `date` (the contract's conclusion date); stops when none is. */
export function terminationRulesInForce(
  files: readonly TerminationRulesFile[],
  date: CalendarDate,
): TerminationRulesFile {
  const file = versionInForce(files, date)
  if (!file) throw new MissingRuleError(TERMINATION_RULES_KIND, '(version)', `no version in force on ${date}`)
  return file
}
