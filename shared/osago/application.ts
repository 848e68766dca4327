import { z } from 'zod'
import { addDays, addYears, compareDates, fullYearsBetween, isCalendarDate } from '../dates/calendarDate'
import {
  departmentCodeSchema, legalEntityInnSchema, ogrnSchema, optionalEmailSchema, optionalPersonNameSchema,
  optionalPlateSchema, passport, personNameSchema, phoneSchema, reportProblem, vehicleIdentificationShape,
  checkVehicleIdentification, normaliseVehicleIdentification, driverLicence, pts, sts, eptsSchema, diagnosticCardSchema,
} from '../validation'
import { zodIssuesToFieldErrors } from '../validation/fieldErrors'
import { kbmClasses } from './tariffSchema'

/**
 * The OSAGO application (заявление) as the clerk fills it at the counter, sectioned like the paper form
 * (DOMAIN.md B.2). One schema: the form runs it while typing, the core runs it again on calculate and issue.
 * Drafts are stored as typed, unvalidated (see `osagoDraftSchema`); this schema is what a complete one must be.
 */
type Ctx = z.core.$RefinementCtx
/** A form-level problem (i18n key) at a path; field formats report through the validators' own keys. */
function problem(ctx: Ctx, key: string, path: (string | number)[]): void {
  ctx.addIssue({ code: 'custom', message: key, path })
}

const date = z.string({ error: () => 'validation.required' }).refine(isCalendarDate, { message: 'validation.date.format' })
const text = (max: number) => z.string({ error: () => 'validation.required' }).trim()
  .min(1, { message: 'validation.required' }).max(max, { message: 'validation.text.tooLong' })
const optionalText = (max: number) => z.string().trim().max(max, { message: 'validation.text.tooLong' }).nullish()
  .transform((v) => (v ? v : null))

export const GENDERS = ['male', 'female'] as const
export const REG_DOC_TYPES = ['pts', 'epts', 'sts'] as const
export const STEERING = ['left', 'right'] as const
export const POWER_UNITS = ['hp', 'kw'] as const

export const addressSchema = z.strictObject({
  /** Region name as in the regions directory (= the Bank of Russia KT table). */
  region: text(120),
  /** City or settlement; a city the directory lists, or typed for "other settlements". Empty for a federal city. */
  city: optionalText(120),
  street: text(160),
  house: text(20),
  flat: optionalText(20),
})

export const passportSchema = z.strictObject({
  series: passport.seriesSchema,
  number: passport.numberSchema,
  issueDate: date,
  issuer: text(250),
  departmentCode: departmentCodeSchema,
})

export const personSchema = z.strictObject({
  surname: personNameSchema,
  name: personNameSchema,
  patronymic: optionalPersonNameSchema,
  gender: z.enum(GENDERS, { message: 'validation.required' }),
  birthDate: date,
  passport: passportSchema,
  address: addressSchema,
  phone: phoneSchema,
  email: optionalEmailSchema,
})

export const legalEntitySchema = z.strictObject({
  name: text(250),
  inn: legalEntityInnSchema,
  ogrn: ogrnSchema,
  address: addressSchema,
})

export const ownerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('individual'), person: personSchema }),
  z.strictObject({ type: z.literal('legal'), entity: legalEntitySchema }),
], { error: () => 'validation.required' })

const kbmClass = z.enum(kbmClasses, { message: 'osago.input.kbmClass' })

export const driverSchema = z.strictObject({
  surname: personNameSchema,
  name: personNameSchema,
  patronymic: optionalPersonNameSchema,
  gender: z.enum(GENDERS, { message: 'validation.required' }),
  birthDate: date,
  licence: z.strictObject({ series: driverLicence.seriesSchema, number: driverLicence.numberSchema }),
  /** First licence date; with `licenseYearOnly` the clerk typed only the year and this is 31.12 of it. */
  licenseSince: date,
  licenseYearOnly: z.boolean(),
  /** Class 3 for a first-time driver; anything else needs `kbmReason`. */
  kbmClass,
  kbmReason: optionalText(300),
}).superRefine((d, ctx) => {
  if (d.kbmClass !== '3' && !d.kbmReason) problem(ctx, 'osago.form.kbmReasonRequired', ['kbmReason'])
  if (isCalendarDate(d.birthDate) && isCalendarDate(d.licenseSince) && d.licenseSince < addYears(d.birthDate, 16)) {
    problem(ctx, 'osago.form.licenceBefore16', ['licenseSince'])
  }
})

export const registrationDocSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pts'), series: pts.seriesSchema, number: pts.numberSchema, date }),
  z.strictObject({ type: z.literal('sts'), series: sts.seriesSchema, number: sts.numberSchema, date }),
  z.strictObject({ type: z.literal('epts'), number: eptsSchema, date }),
], { error: () => 'validation.required' })

export const vehicleSchema = z.strictObject({
  makeId: z.string().max(80).nullable(),
  /** Catalogue model id, or null for "other" with the full name as in the title. */
  modelId: z.string().max(80).nullable(),
  otherName: optionalText(200),
  /** Derived from the model (or chosen for "other"); the tariff prices B/BE at the counter. */
  category: text(8),
  usedWithTrailer: z.boolean(),
  year: z.number({ error: () => 'validation.required' }).int().min(1950, { message: 'osago.form.yearRange' }).max(2100, { message: 'osago.form.yearRange' }),
  powerUnit: z.enum(POWER_UNITS),
  power: z.number({ error: () => 'validation.required' }).positive({ message: 'osago.input.power' }).max(2000, { message: 'osago.input.power' }).nullable(),
  maxMassKg: z.number().int().positive().max(100_000).nullable(),
  seats: z.number().int().positive().max(300).nullable(),
  steering: z.enum(STEERING),
  ...vehicleIdentificationShape,
  plate: optionalPlateSchema,
  purpose: text(40),
  registrationDoc: registrationDocSchema,
  diagnosticCard: z.strictObject({ number: diagnosticCardSchema, validUntil: date }).nullable(),
}).transform((v, ctx) => {
  const problems = checkVehicleIdentification(v)
  for (const p of problems) reportProblem(ctx, p)
  if (v.modelId === null && !v.otherName) problem(ctx, 'osago.form.otherNameRequired', ['otherName'])
  return problems.length > 0 ? z.NEVER : { ...v, ...normaliseVehicleIdentification(v) }
})

export const periodSchema = z.strictObject({ from: date, to: date })

export const osagoApplicationSchema = z.strictObject({
  contract: z.strictObject({
    conclusionDate: date,
    startDate: date,
    periodsOfUse: z.array(periodSchema).max(3, { message: 'osago.form.tooManyPeriods' }),
  }),
  insured: personSchema,
  ownerIsInsured: z.boolean(),
  owner: ownerSchema.nullable(),
  vehicle: vehicleSchema,
  drivers: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('unlimited'), ownerKbmClass: kbmClass }),
    z.strictObject({ mode: z.literal('list'), list: z.array(driverSchema).min(1, { message: 'osago.input.driversEmpty' }).max(20) }),
  ]),
  grossViolations: z.boolean(),
}).superRefine((a, ctx) => {
  const { conclusionDate, startDate } = a.contract
  if (compareDates(startDate, conclusionDate) < 0) problem(ctx, 'osago.form.startBeforeConclusion', ['contract', 'startDate'])
  if (!a.ownerIsInsured && !a.owner) problem(ctx, 'validation.required', ['owner'])
  if (fullYearsBetween(a.insured.birthDate, conclusionDate) < 16) problem(ctx, 'osago.form.insuredTooYoung', ['insured', 'birthDate'])
})

export type OsagoApplication = z.output<typeof osagoApplicationSchema>
export type OsagoApplicationInput = z.input<typeof osagoApplicationSchema>

/** The last day of a one-year term starting on `startDate`. */
export function termEnd(startDate: string): string {
  return addDays(addYears(startDate, 1), -1)
}

/**
 * Cross-field rules checked on the draft as typed. zod skips an object's refinements while any of its fields is
 * still invalid, which would hide (say) a bad VIN until the whole vehicle block is complete; these run always,
 * so the clerk sees every problem at its field while typing. The schema repeats them on save.
 */
export function crossFieldProblems(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const a = raw as {
    contract?: { conclusionDate?: string; startDate?: string }
    insured?: { birthDate?: string }
    vehicle?: { vinMissing?: boolean | null; vin?: string | null; bodyNumber?: string | null; chassisNumber?: string | null; modelId?: string | null; otherName?: string | null }
    drivers?: { mode?: string; list?: Array<{ kbmClass?: string; kbmReason?: string | null; birthDate?: string; licenseSince?: string }> }
  }
  if (a.vehicle) {
    for (const p of checkVehicleIdentification(a.vehicle)) out[['vehicle', ...p.path].join('.')] ??= p.key
    if (!a.vehicle.modelId && !a.vehicle.otherName) out['vehicle.otherName'] ??= 'osago.form.otherNameRequired'
  }
  const c = a.contract
  if (c?.conclusionDate && c.startDate && isCalendarDate(c.conclusionDate) && isCalendarDate(c.startDate) && c.startDate < c.conclusionDate) {
    out['contract.startDate'] = 'osago.form.startBeforeConclusion'
  }
  const birth = a.insured?.birthDate
  if (c?.conclusionDate && birth && isCalendarDate(birth) && isCalendarDate(c.conclusionDate) && fullYearsBetween(birth, c.conclusionDate) < 16) {
    out['insured.birthDate'] = 'osago.form.insuredTooYoung'
  }
  a.drivers?.list?.forEach((d, i) => {
    if (d.kbmClass && d.kbmClass !== '3' && !d.kbmReason?.trim()) out[`drivers.list.${i}.kbmReason`] = 'osago.form.kbmReasonRequired'
    if (d.birthDate && d.licenseSince && isCalendarDate(d.birthDate) && isCalendarDate(d.licenseSince) && d.licenseSince < addYears(d.birthDate, 16)) {
      out[`drivers.list.${i}.licenseSince`] = 'osago.form.licenceBefore16'
    }
  })
  return out
}

/** The whole check, as the form and the core run it: field formats plus cross-field rules. */
export function validateOsagoApplication(raw: unknown):
  { ok: true; application: OsagoApplication } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = osagoApplicationSchema.safeParse(raw, { reportInput: true })
  const fieldErrors = { ...crossFieldProblems(raw), ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error)) }
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, application: parsed.data }
  return { ok: false, fieldErrors }
}
