import { z } from 'zod'
import type { DeadlineChangeNotice } from '../reference/productionCalendarContract'
import { compareDates, isCalendarDate, type CalendarDate } from '../dates/calendarDate'
import {
  checkBankDetails,
  normaliseBankDetails,
  optionalPlateSchema,
  optionalVinSchema,
  passport,
  phoneSchema,
  reportProblem,
  textInputError,
  bankDetailsShape,
  requiredDateSchema,
} from '../validation'
import { TerminationInputError } from './errors'
import { validatePeriodsOfUse, type UsePeriod } from './periodsOfUse'
import {
  TERMINATION_DOCUMENTS,
  TERMINATION_GROUNDS,
  type TerminationDocument,
  type TerminationGround,
} from './rulesSchema'
import type { RefundCalculation } from './applicationRefund'
import type { LatePayoutResult } from './latePenalty'

/**
 * A termination or refund application as the branch registers it at the counter (issue 5): which contract, which
 * kind and ground, who applies (the client or a representative with a notarised power of attorney), and how the
 * refund is paid (cash desk or bank transfer). One schema for the form and the core.
 */
export const APPLICATION_KINDS = [
  'osago-early-termination',
  'cooling-off',
  'casco-sale',
  'casco-loss',
  'casco-refusal',
] as const
export type ApplicationKind = (typeof APPLICATION_KINDS)[number]

/** What kind of insurance the contract is. Cooling-off applies to voluntary insurance only (3854-U). */
export const CONTRACT_PRODUCTS = ['osago', 'casco', 'voluntary'] as const
export type ContractProduct = (typeof CONTRACT_PRODUCTS)[number]

export const KINDS_BY_PRODUCT: Record<ContractProduct, readonly ApplicationKind[]> = {
  osago: ['osago-early-termination'],
  casco: ['cooling-off', 'casco-sale', 'casco-loss', 'casco-refusal'],
  voluntary: ['cooling-off'],
}

export const POLICYHOLDER_TYPES = ['individual', 'legal'] as const
export type PolicyholderType = (typeof POLICYHOLDER_TYPES)[number]

/**
 * received → calculated → approved (only when the refund is above the threshold) → paid; refused from any open
 * status. `closed`: completed with nothing to pay — a CASCO re-issued to the new owner, or a refund of zero.
 */
export const APPLICATION_STATUSES = ['received', 'calculated', 'approved', 'paid', 'refused', 'closed'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['received', 'calculated', 'approved']

export const PAYOUT_METHODS = ['cash', 'transfer'] as const
export type PayoutMethod = (typeof PAYOUT_METHODS)[number]

/** CASCO sold with the car: terminate with a refund, or re-issue the policy to the new owner (the client's choice). */
export const CASCO_SALE_CHOICES = ['refund', 'reissue'] as const
export type CascoSaleChoice = (typeof CASCO_SALE_CHOICES)[number]

export const CONTRACT_SOURCES = ['osago', 'casco', 'manual'] as const
export type ContractSource = (typeof CONTRACT_SOURCES)[number]

const date = requiredDateSchema
const text = (max: number) =>
  z
    .string({ error: () => 'validation.required' })
    .trim()
    .min(1, { message: 'validation.required' })
    .max(max, { message: 'validation.text.tooLong' })
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'validation.text.tooLong' })
    .nullish()
    .transform((v) => (v ? v : null))

const periodSchema = z.strictObject({ from: date, to: date })

/** The largest premium a form accepts: 100 million roubles, far above any motor policy. */
export const MAX_PREMIUM_KOPECKS = 10_000_000_000

/**
 * A contract concluded elsewhere, typed from the client's policy until HQ lookup exists; kept marked as entered
 * by hand. Periods of use only for OSAGO.
 */
export const manualContractInput = z
  .strictObject({
    product: z.enum(CONTRACT_PRODUCTS, { message: 'validation.required' }),
    number: text(40),
    /** Where it was concluded (another branch, an agent), as the policy says. */
    concludedAt: optionalText(200),
    policyholderType: z.enum(POLICYHOLDER_TYPES, { message: 'validation.required' }),
    policyholderName: text(200),
    plate: optionalPlateSchema,
    vin: optionalVinSchema,
    conclusionDate: date,
    startDate: date,
    endDate: date,
    premiumKopecks: z
      .number({ error: () => 'validation.required' })
      .int({ message: 'termination.problem.premiumKopecks' })
      .positive({ message: 'termination.problem.premiumKopecks' })
      .max(MAX_PREMIUM_KOPECKS, { message: 'validation.number.max' }),
    periodsOfUse: z.array(periodSchema).max(3, { message: 'termination.problem.tooManyPeriods' }).default([]),
  })
  .superRefine((c, ctx) => {
    if (!isCalendarDate(c.conclusionDate) || !isCalendarDate(c.startDate) || !isCalendarDate(c.endDate)) return
    if (compareDates(c.startDate, c.conclusionDate) < 0) {
      ctx.addIssue({ code: 'custom', message: 'termination.problem.startBeforeConclusion', path: ['startDate'] })
    }
    if (compareDates(c.endDate, c.startDate) < 0)
      ctx.addIssue({ code: 'custom', message: 'termination.error.termEndsBeforeStart', path: ['endDate'] })
    if (c.periodsOfUse.length > 0 && c.product !== 'osago') {
      ctx.addIssue({ code: 'custom', message: 'termination.error.periodsOfUseNotApplicable', path: ['periodsOfUse'] })
      return
    }
    if (c.periodsOfUse.length === 0 || compareDates(c.endDate, c.startDate) < 0) return
    if (!c.periodsOfUse.every((p) => isCalendarDate(p.from) && isCalendarDate(p.to))) return
    try {
      validatePeriodsOfUse(c.periodsOfUse, c.startDate, c.endDate)
    } catch (e) {
      if (!(e instanceof TerminationInputError)) throw e
      ctx.addIssue({
        code: 'custom',
        message: e.messageKey,
        path: e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      })
    }
  })
export type ManualContractInput = z.input<typeof manualContractInput>
export type ManualContract = z.output<typeof manualContractInput>

/** Who hands in the application: the policyholder, an heir, or their representative (see `representative`). */
export const applicantSchema = z.strictObject({
  fullName: text(200),
  /** RF passport series and number in one field ("4519 123456"). */
  passport: passport.wholeSchema,
  phone: phoneSchema,
  address: optionalText(300),
})

export const representativeSchema = z.strictObject({
  fullName: text(200),
  powerOfAttorney: z.strictObject({
    number: text(60),
    date,
    /** The notary who certified it: the refund is paid only on a notarised power of attorney (seed 004). */
    notary: text(200),
  }),
})

const payoutInputSchema = z.strictObject({
  method: z.enum(PAYOUT_METHODS, { message: 'validation.required' }),
  recipient: z.string({ error: textInputError }).nullish(),
  bankName: z.string({ error: textInputError }).nullish(),
  ...bankDetailsShape,
})

export type Payout =
  | { method: 'cash' }
  | {
      method: 'transfer'
      recipient: string
      bankName: string
      bik: string
      account: string
      correspondentAccount: string | null
    }

/** Cash needs nothing more; a transfer needs the recipient, the bank and details that pass the BIK key checks. */
export const payoutSchema = payoutInputSchema.transform((p, ctx): Payout => {
  if (p.method === 'cash') return { method: 'cash' }
  let bad = false
  const required = (field: 'recipient' | 'bankName', max: number): string => {
    const v = (p[field] ?? '').trim()
    if (v === '') reportProblem(ctx, { path: [field], key: 'validation.required' })
    else if (v.length > max) reportProblem(ctx, { path: [field], key: 'validation.text.tooLong' })
    else return v
    bad = true
    return ''
  }
  const recipient = required('recipient', 200)
  const bankName = required('bankName', 200)
  const problems = checkBankDetails(p)
  for (const problem of problems) reportProblem(ctx, problem)
  if (bad || problems.length > 0) return z.NEVER
  return { method: 'transfer', recipient, bankName, ...normaliseBankDetails(p) }
})

/**
 * Grounds and kinds whose application reports an event that may end the contract on its date: death, loss,
 * liquidation, the insurer's notice (OSAGO) and the loss of the car (CASCO). The rules data say which date rule
 * applies; the form always asks for the event's date here.
 */
export const EVENT_DATE_GROUNDS: readonly TerminationGround[] = [
  'death',
  'vehicle-loss',
  'policyholder-liquidation',
  'insurer-false-information',
]
export function asksEventDate(kind: ApplicationKind | null, ground: TerminationGround | null): boolean {
  return (
    kind === 'casco-loss' ||
    (kind === 'osago-early-termination' && ground !== null && EVENT_DATE_GROUNDS.includes(ground))
  )
}

/** Cases where the rules may refund nothing (the insurer's termination, a CASCO refusal): no payout is asked for. */
export function payoutMayBeNone(kind: ApplicationKind | null, ground: TerminationGround | null): boolean {
  return kind === 'casco-refusal' || (kind === 'osago-early-termination' && ground === 'insurer-false-information')
}

/** How the application reached the branch: at the counter, or by post (its postmark date is the filing date). */
export const RECEIPT_CHANNELS = ['in-person', 'post'] as const
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number]
export const receiptSchema = z.discriminatedUnion(
  'channel',
  [
    z.strictObject({ channel: z.literal('in-person') }),
    z.strictObject({ channel: z.literal('post'), postmarkDate: date }),
  ],
  { error: () => 'validation.required' },
)
export type Receipt = z.infer<typeof receiptSchema>

/** Details stored before issue 9 have no receipt: they were all handed in at the counter. */
export function receiptOf(d: Pick<ApplicationDetails, 'receipt'> | { receipt?: Receipt }): Receipt {
  return d.receipt ?? { channel: 'in-person' }
}
export function postmarkOf(d: { receipt?: Receipt }): CalendarDate | null {
  const r = receiptOf(d)
  return r.channel === 'post' ? r.postmarkDate : null
}

export const applicationDetailsSchema = z
  .strictObject({
    kind: z.enum(APPLICATION_KINDS, { message: 'validation.required' }),
    /** OSAGO early termination only. */
    ground: z.enum(TERMINATION_GROUNDS, { message: 'validation.required' }).nullable(),
    /** Date of death or of the loss, for the grounds whose termination date is the event's (data). */
    eventDate: date.nullable(),
    /** CASCO sale only. */
    cascoChoice: z.enum(CASCO_SALE_CHOICES, { message: 'validation.required' }).nullable(),
    /** Cooling-off: the applicant states whether an insured event occurred; with one, no refusal (3854-U). */
    insuredEventOccurred: z.boolean(),
    /** In person or by post with the postmark date (GK RF art. 194 p. 2). */
    receipt: receiptSchema.default({ channel: 'in-person' }),
    /** Cooling-off only: a later day, inside the window, the client asks the contract to end on (3854-U). */
    requestedTerminationDate: date.nullable().default(null),
    applicant: applicantSchema,
    representative: representativeSchema.nullable(),
    /**
     * Null when nothing is paid out: a CASCO re-issued to the new owner, or a case the rules may refund nothing on
     * (`payoutMayBeNone`; the core asks for it when the rules do refund).
     */
    payout: payoutSchema.nullable(),
  })
  .superRefine((d, ctx) => {
    const issue = (message: string, path: string[]) => ctx.addIssue({ code: 'custom', message, path })
    if (d.kind === 'osago-early-termination' && d.ground === null) issue('termination.error.groundRequired', ['ground'])
    if (d.kind !== 'osago-early-termination' && d.ground !== null)
      issue('termination.error.groundNotApplicable', ['ground'])
    if (asksEventDate(d.kind, d.ground) && d.eventDate === null)
      issue('termination.error.eventDateRequired', ['eventDate'])
    if (d.kind === 'casco-sale' && d.cascoChoice === null) issue('validation.required', ['cascoChoice'])
    if (d.kind !== 'casco-sale' && d.cascoChoice !== null)
      issue('termination.problem.cascoChoiceNotApplicable', ['cascoChoice'])
    if (d.requestedTerminationDate !== null) {
      if (d.kind !== 'cooling-off') issue('termination.error.requestedDateNotApplicable', ['requestedTerminationDate'])
      else if (
        d.receipt.channel === 'post' &&
        isCalendarDate(d.receipt.postmarkDate) &&
        isCalendarDate(d.requestedTerminationDate) &&
        d.requestedTerminationDate < d.receipt.postmarkDate
      )
        issue('termination.error.requestedDateBeforeFiling', ['requestedTerminationDate'])
    }
    if (
      d.receipt.channel === 'post' &&
      d.eventDate !== null &&
      isCalendarDate(d.eventDate) &&
      isCalendarDate(d.receipt.postmarkDate) &&
      d.eventDate > d.receipt.postmarkDate
    )
      issue('termination.error.eventAfterApplication', ['eventDate'])
    const reissue = d.kind === 'casco-sale' && d.cascoChoice === 'reissue'
    if (!reissue && !payoutMayBeNone(d.kind, d.ground) && d.payout === null)
      issue('validation.required', ['payout', 'method'])
  })
export type ApplicationDetailsInput = z.input<typeof applicationDetailsSchema>
export type ApplicationDetails = z.output<typeof applicationDetailsSchema>

/** A contract as the termination desk sees it: a local OSAGO policy, a local CASCO contract, or one entered by hand. */
export interface ContractData {
  source: ContractSource
  id: string
  product: ContractProduct
  number: string
  policyholderType: PolicyholderType
  policyholderName: string
  plate: string | null
  vin: string | null
  conclusionDate: CalendarDate
  startDate: CalendarDate
  endDate: CalendarDate
  premiumKopecks: number
  /** OSAGO with periods of use; null = the whole term. */
  periodsOfUse: UsePeriod[] | null
  enteredByHand: boolean
  concludedAt: string | null
  /** Set when an application terminated the contract. */
  terminatedOn: CalendarDate | null
  /**
   * An OSAGO policy changed after issue (core/osagoChange): `premiumKopecks` and `periodsOfUse` are those in force,
   * set by the change applied on `on`; the premium it was issued with, for the paper. Absent: as issued.
   */
  changed?: { on: CalendarDate; issuedPremiumKopecks: number }
}

export interface ContractSummary extends ContractData {
  /** An application for this contract still in progress (or paid), which blocks a second one. */
  openApplication: { id: string; incomingNumber: string; status: ApplicationStatus } | null
}

export const contractRefSchema = z.strictObject({
  source: z.enum(CONTRACT_SOURCES),
  id: z.uuid({ message: 'validation.id.format' }),
})
export type ContractRef = z.infer<typeof contractRefSchema>

export interface StaffRef {
  id: string
  fullName: string
}

export interface TerminationApplication {
  id: string
  incomingNumber: string
  /** ISO timestamp of receipt, and the day of receipt on the branch's calendar (the application date). */
  receivedAt: string
  receivedOn: CalendarDate
  receivedBy: StaffRef | null
  status: ApplicationStatus
  contract: ContractData
  details: ApplicationDetails
  /** From the rules version in force, for this kind, ground, applicant and payout. */
  requiredDocuments: TerminationDocument[]
  documentsVerified: boolean
  /** Documents the clerk ticked as received. */
  documents: TerminationDocument[]
  /** Due date known at receipt (kept current on completion); null when nothing is due. */
  payoutDueOn: CalendarDate | null
  /** Moves of `payoutDueOn` after completion or receipt (a calendar update, the GK RF art. 193 recount), oldest first. */
  deadlineChanges: DeadlineChangeNotice[]
  calculation: RefundCalculation | null
  completedAt: string | null
  completedBy: StaffRef | null
  approvedAt: string | null
  approvedBy: StaffRef | null
  paidOn: CalendarDate | null
  paidBy: StaffRef | null
  paymentDocument: string | null
  penaltyKopecks: number | null
  /** A payout after the due date: what the delay cost and on which basis (penalty or GK RF art. 395 interest). */
  latePayout: LatePayoutResult | null
  paidKopecks: number | null
  refusedAt: string | null
  refusedBy: StaffRef | null
  /** Free text typed by the clerk, or an i18n key (`termination.reason.*`) when the calculation found it not eligible. */
  refusalReason: string | null
  createdAt: string
  updatedAt: string
  rowVersion: number
}

export interface ApplicationSummary {
  id: string
  incomingNumber: string
  receivedAt: string
  status: ApplicationStatus
  kind: ApplicationKind
  ground: TerminationGround | null
  contractNumber: string
  product: ContractProduct
  policyholderName: string
  refundKopecks: number | null
  payoutDueOn: CalendarDate | null
}

export const documentsInput = z.array(z.enum(TERMINATION_DOCUMENTS)).max(TERMINATION_DOCUMENTS.length)
