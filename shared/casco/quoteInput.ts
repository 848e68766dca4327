import { z } from 'zod'
import { compareDates, isCalendarDate } from '../dates/calendarDate'
import { CASCO_PLANS } from './schedule'
import { ANTI_THEFT_SYSTEMS } from './tariffSchema'
import { CascoQuoteError, fieldPath } from './errors'
import { driverDateProblems, minDriverAge } from '../validation/driverDates'
import { reportProblem } from '../validation/field'

/**
 * What the CASCO quote needs: the vehicle, owner and drivers shared by every option, and up to ten options the
 * clerk compares side by side (risks, add-ons, franchise, settlement, territory, payment plan). Money is integer
 * kopecks; dates are YYYY-MM-DD. Messages are i18n keys under `casco.input`.
 */

export const CASCO_RISKS = ['damage', 'theft', 'damageTheft'] as const
export type CascoRisks = (typeof CASCO_RISKS)[number]
export const CASCO_SETTLEMENTS = ['dealer', 'clientChoice', 'nonDealer', 'cash'] as const
export type CascoSettlement = (typeof CASCO_SETTLEMENTS)[number]
export const CASCO_TERRITORIES = ['rf', 'rfAbroad'] as const
export type CascoTerritory = (typeof CASCO_TERRITORIES)[number]
/** RESOauto (any risks) or theft only (seed 002). */
export const CASCO_BASE_PROGRAMS = ['resoauto', 'theft'] as const
export type CascoBaseProgram = (typeof CASCO_BASE_PROGRAMS)[number]
export const CASCO_OWNER_TYPES = ['individual', 'legal'] as const
export type CascoOwnerType = (typeof CASCO_OWNER_TYPES)[number]
export const CASCO_GENDERS = ['male', 'female'] as const
export const FRANCHISE_TYPES = ['conditional', 'unconditional'] as const
export type FranchiseType = (typeof FRANCHISE_TYPES)[number]

/** 100 billion roubles: far above any vehicle, well inside exact integer arithmetic. */
const MAX_KOPECKS = 1e13

const date = z
  .string({ message: 'casco.input.dateFormat' })
  .refine(isCalendarDate, { message: 'casco.input.dateFormat' })
const kopecks = z
  .number({ message: 'casco.input.kopecks' })
  .int({ message: 'casco.input.kopecks' })
  .positive({ message: 'casco.input.kopecks' })
  .max(MAX_KOPECKS, { message: 'casco.input.kopecks' })
const text = z
  .string({ message: 'casco.input.required' })
  .trim()
  .min(1, { message: 'casco.input.required' })
  .max(200, { message: 'casco.input.tooLong' })
/** A percentage with at most two decimals (so that it is an exact decimal). */
const percent = (max: number, maxMessage: string) =>
  z
    .number({ message: 'casco.input.percent' })
    .refine((x) => Number.isFinite(x) && /^\d+(?:\.\d{1,2})?$/.test(String(x)), { message: 'casco.input.percent' })
    .refine((x) => x <= max, { message: maxMessage })

const modelSchema = z.union(
  [
    z.strictObject({ modelId: z.string().trim().min(1, { message: 'casco.input.required' }) }),
    /** A model the catalogue does not list: the name as in the title; foreign decides whether non-dealer repair is allowed. */
    z.strictObject({ other: z.strictObject({ name: text, foreign: z.boolean({ message: 'casco.input.required' }) }) }),
  ],
  { message: 'casco.input.model' },
)

const vehicleSchema = z.strictObject({
  model: modelSchema,
  /** Category as in the vehicle catalogue (B for cars); the tariff's vehicle classes are chosen on it. */
  category: z.string({ message: 'casco.input.required' }).trim().min(1, { message: 'casco.input.required' }),
  year: z
    .number({ message: 'casco.input.year' })
    .int({ message: 'casco.input.year' })
    .min(1950, { message: 'casco.input.year' })
    .max(2100, { message: 'casco.input.year' }),
  marketValueKopecks: kopecks,
  newCar: z.boolean({ message: 'casco.input.required' }),
  mileageKm: z
    .number({ message: 'casco.input.mileage' })
    .int({ message: 'casco.input.mileage' })
    .min(0, { message: 'casco.input.mileage' })
    .max(10_000_000, { message: 'casco.input.mileage' }),
  antiTheft: z
    .array(z.enum(ANTI_THEFT_SYSTEMS, { message: 'casco.input.antiTheft' }))
    .default([])
    .refine((a) => new Set(a).size === a.length, { message: 'casco.input.antiTheftTwice' }),
})

const ownerSchema = z.strictObject({
  type: z.enum(CASCO_OWNER_TYPES, { message: 'casco.input.ownerType' }),
  /** Region name as in the regions file; the city is optional (CASCO prices by region). */
  region: text,
  city: z
    .string()
    .trim()
    .nullable()
    .default(null)
    .transform((c) => (c === '' ? null : c)),
})

const driverSchema = z
  .strictObject({
    /** Full years on the start date, or the birth date to count them from. */
    age: z
      .number({ message: 'casco.input.age' })
      .int({ message: 'casco.input.age' })
      .min(16, { message: 'casco.input.age' })
      .max(120, { message: 'casco.input.age' })
      .optional(),
    birthDate: date.optional(),
    /** Full years of driving experience on the start date, or the first licence date to count them from. */
    experienceYears: z
      .number({ message: 'casco.input.experience' })
      .int({ message: 'casco.input.experience' })
      .min(0, { message: 'casco.input.experience' })
      .max(104, { message: 'casco.input.experience' })
      .optional(),
    licenseSince: date.optional(),
    gender: z.enum(CASCO_GENDERS, { message: 'casco.input.gender' }),
  })
  .superRefine((d, ctx) => {
    if ((d.age === undefined) === (d.birthDate === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'casco.input.ageOrBirthDate', path: ['age'] })
    }
    if ((d.experienceYears === undefined) === (d.licenseSince === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'casco.input.experienceOrLicence', path: ['experienceYears'] })
    }
  })

const franchiseSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('none') }),
    z
      .strictObject({
        type: z.enum(FRANCHISE_TYPES),
        /** `amount`: value in kopecks; `percent`: value in % of the sum insured (at most two decimals). */
        mode: z.enum(['amount', 'percent'], { message: 'casco.input.franchiseMode' }),
        value: z.number({ message: 'casco.input.franchiseValue' }).positive({ message: 'casco.input.franchiseValue' }),
      })
      .superRefine((f, ctx) => {
        const ok =
          f.mode === 'amount'
            ? Number.isSafeInteger(f.value) && f.value <= MAX_KOPECKS
            : /^\d+(?:\.\d{1,2})?$/.test(String(f.value)) && f.value <= 100
        if (!ok)
          ctx.addIssue({
            code: 'custom',
            message: f.mode === 'amount' ? 'casco.input.kopecks' : 'casco.input.percent',
            path: ['value'],
          })
      }),
  ],
  { message: 'casco.input.franchise' },
)

const extraSchema = z.strictObject({ name: text, valueKopecks: kopecks })

export const cascoOptionSchema = z.strictObject({
  program: z.enum(CASCO_BASE_PROGRAMS, { message: 'casco.input.program' }).default('resoauto'),
  risks: z.enum(CASCO_RISKS, { message: 'casco.input.risks' }),
  /** Additional equipment, each valued separately (docs/domain/casco.md#c2). */
  extras: z.array(extraSchema).max(30, { message: 'casco.input.tooMany' }).default([]),
  gap: z.boolean().default(false),
  /** Loss of marketable value (УТС). */
  uts: z.boolean().default(false),
  /** Accident insurance for the driver and passengers: a sum per seat for this many seats. */
  accident: z
    .strictObject({
      sumPerSeatKopecks: kopecks,
      seats: z
        .number({ message: 'casco.input.seats' })
        .int({ message: 'casco.input.seats' })
        .positive({ message: 'casco.input.seats' }),
    })
    .nullable()
    .default(null),
  /** Extended third-party liability limit (up to the tariff's maximum). */
  extendedLiabilityKopecks: kopecks.nullable().default(null),
  franchise: franchiseSchema.default({ type: 'none' }),
  settlement: z.enum(CASCO_SETTLEMENTS, { message: 'casco.input.settlement' }),
  territory: z.enum(CASCO_TERRITORIES, { message: 'casco.input.territory' }).default('rf'),
  plan: z.enum(CASCO_PLANS, { message: 'casco.input.plan' }).default('single'),
  /** The clerk's own discount in %; outside the corridor it needs the underwriter (docs/domain/casco.md#c6). */
  discountPercent: percent(99.99, 'casco.input.discountTooLarge').default(0),
})

const previousPolicySchema = z
  .strictObject({
    startDate: date,
    /** Last day of cover, inclusive. */
    endDate: date,
    /** Insured events declared under the previous policy. */
    claims: z
      .number({ message: 'casco.input.claims' })
      .int({ message: 'casco.input.claims' })
      .min(0, { message: 'casco.input.claims' }),
    /** The owner and the policyholder are the same people as on the previous policy. */
    sameOwnerAndInsured: z.boolean({ message: 'casco.input.required' }),
  })
  .refine((p) => !isCalendarDate(p.startDate) || !isCalendarDate(p.endDate) || p.startDate <= p.endDate, {
    message: 'casco.input.previousEndsBeforeStart',
    path: ['endDate'],
  })

export const cascoQuoteInputSchema = z
  .strictObject({
    /** The day of the quote = the conclusion date: the tariff and rules in force on it are used. */
    quoteDate: date,
    /** Start of cover; the quote date when omitted. Ages and the vehicle's age count on it. */
    startDate: date.optional(),
    firstPaymentDate: date,
    termMonths: z
      .number({ message: 'casco.input.termMonths' })
      .int({ message: 'casco.input.termMonths' })
      .min(1, { message: 'casco.input.termMonths' })
      .max(12, { message: 'casco.input.termMonths' })
      .default(12),
    vehicle: vehicleSchema,
    owner: ownerSchema,
    drivers: z.union(
      [
        z.literal('unlimited'),
        z
          .array(driverSchema)
          .min(1, { message: 'casco.input.driversEmpty' })
          .max(20, { message: 'casco.input.tooMany' }),
      ],
      {
        message: 'casco.input.drivers',
      },
    ),
    sumInsuredKopecks: kopecks,
    /** The client's current policy with the insurer, when this quote is its renewal. */
    previousPolicy: previousPolicySchema.nullable().default(null),
    options: z
      .array(cascoOptionSchema)
      .min(1, { message: 'casco.input.optionsEmpty' })
      .max(10, { message: 'casco.input.tooMany' }),
  })
  .superRefine((q, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path })
    if (q.sumInsuredKopecks > q.vehicle.marketValueKopecks)
      issue('casco.input.sumInsuredAboveValue', ['sumInsuredKopecks'])
    if (!isCalendarDate(q.quoteDate)) return
    if (q.startDate !== undefined && isCalendarDate(q.startDate) && compareDates(q.startDate, q.quoteDate) < 0) {
      issue('casco.input.startBeforeQuote', ['startDate'])
    }
    if (q.vehicle.year > Number(q.quoteDate.slice(0, 4)) + 1) issue('casco.input.yearInFuture', ['vehicle', 'year'])
    q.options.forEach((o, i) => {
      if (o.plan !== 'single' && q.termMonths !== 12) issue('casco.input.instalmentsNeedYear', ['options', i, 'plan'])
    })
    // The drivers' rule OSAGO applies too (shared/validation/driverDates.ts): the quote date is the application's day.
    if (q.drivers === 'unlimited') return
    const contract = { conclusionDate: q.quoteDate, startDate: q.startDate ?? q.quoteDate }
    const min = minDriverAge(q.vehicle.category)
    q.drivers.forEach((d, i) => {
      for (const [field, p] of Object.entries(driverDateProblems(d, contract, q.vehicle.category)))
        reportProblem(ctx, { ...p, path: ['drivers', i, field] })
      if (d.age !== undefined && d.age < min)
        reportProblem(ctx, { key: 'validation.driverAge.tooYoung', params: { min }, path: ['drivers', i, 'age'] })
    })
  })

export type CascoQuoteInput = z.output<typeof cascoQuoteInputSchema>
/** The JSON the form produces and the CLI reads, before defaults are filled in. */
export type CascoQuoteInputJson = z.input<typeof cascoQuoteInputSchema>
export type CascoOption = z.output<typeof cascoOptionSchema>
export type CascoDriverInput = z.output<typeof driverSchema>
export type CascoFranchise = z.output<typeof franchiseSchema>
export type CascoPreviousPolicy = z.output<typeof previousPolicySchema>

/** Validates raw JSON; throws CascoQuoteError naming the first bad field with an i18n key. */
export function parseCascoQuoteInput(raw: unknown): CascoQuoteInput {
  const parsed = cascoQuoteInputSchema.safeParse(raw, { reportInput: true })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = fieldPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    throw new CascoQuoteError('input', field ? `${field}.${key}` : key, 'casco.input.unknownField', { field: key })
  }
  if (issue.message.startsWith('casco.')) throw new CascoQuoteError('input', field, issue.message)
  if (issue.code === 'invalid_type' && issue.input === undefined)
    throw new CascoQuoteError('input', field, 'casco.input.required')
  throw new CascoQuoteError('input', field, 'casco.input.invalidValue')
}
