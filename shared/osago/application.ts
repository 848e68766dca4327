import { z } from 'zod'
import { addDays, addYears, compareDates, fullYearsBetween, isCalendarDate } from '../dates/calendarDate'
import {
  optionalPersonNameSchema,
  optionalPlateSchema,
  personNameSchema,
  reportProblem,
  vehicleIdentificationShape,
  checkVehicleIdentification,
  normaliseVehicleIdentification,
  driverLicence,
  pts,
  sts,
  eptsSchema,
  diagnosticCardSchema,
  requiredDateSchema,
} from '../validation'
import { GENDERS, organisationSchema, partySchema, personSchema } from '../party/schemas'
import { readStoredOrganisation, readStoredParty } from '../party/stored'
import { organisationProblemsAt, partyProblemsAt } from '../party/validate'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams, type FieldCheck } from '../validation/fieldErrors'
import type { MessageParams } from '../validation/messageKey'
import { kbmClasses } from './tariffSchema'
import { kbmCheckHolds, kbmCheckSchema, kbmDocument, type KbmCheck } from './kbmCheck'
import { diagnosticCardProblems, type DiagnosticCardDates } from './diagnosticCard'
import { driverDateProblems, type ContractDates, type DriverDates } from '../validation/driverDates'

/**
 * The OSAGO application (заявление) as the clerk fills it at the counter, sectioned like the paper form
 * (docs/domain/osago-rules-of-sale.md#b2). One schema: the form runs it while typing, the core runs it again on
 * calculate and issue. Drafts are stored as typed, unvalidated (see `osagoDraftSchema`); this schema is what a complete
 * one must be.
 */
type Ctx = z.core.$RefinementCtx
/** A form-level problem (i18n key) at a path; field formats report through the validators' own keys. */
function problem(ctx: Ctx, key: string, path: (string | number)[]): void {
  ctx.addIssue({ code: 'custom', message: key, path })
}

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

export { addressSchema, GENDERS, passportSchema, personSchema } from '../party/schemas'
export const REG_DOC_TYPES = ['pts', 'epts', 'sts'] as const
export const STEERING = ['left', 'right'] as const
export const POWER_UNITS = ['hp', 'kw'] as const

/**
 * The owner when it is not the insured: a citizen, or an organisation with its form, KPP and OGRN (the shared
 * party organisation). OSAGO and CASCO both use it, as their forms share the owner section.
 */
export const ownerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('individual'), person: personSchema }),
    z.strictObject({ type: z.literal('legal'), entity: organisationSchema }),
  ],
  { error: () => 'validation.required' },
)

const kbmClass = z.enum(kbmClasses, { message: 'osago.input.kbmClass' })

/** The class is the register's answer for the licence typed now (docs/domain/kbm-check.md), not one typed by hand. */
function driverKbmChecked(d: {
  kbmClass?: string
  kbmCheck?: KbmCheck | null
  licence?: { series?: string; number?: string }
}): boolean {
  return kbmCheckHolds(d.kbmCheck, kbmDocument(d.licence?.series ?? '', d.licence?.number ?? ''), d.kbmClass ?? '')
}

export const driverSchema = z
  .strictObject({
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
    /** The national database's answer that set the class: no reason is asked for a class it confirms. */
    kbmCheck: kbmCheckSchema.nullable().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.kbmClass !== '3' && !d.kbmReason && !driverKbmChecked(d))
      problem(ctx, 'osago.form.kbmReasonRequired', ['kbmReason'])
    // The licence against the birth date alone; the contract's dates are judged with the whole application.
    for (const [field, p] of Object.entries(driverDateProblems(d, {}, null)))
      reportProblem(ctx, { ...p, path: [field] })
  })

export const registrationDocSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('pts'), series: pts.seriesSchema, number: pts.numberSchema, date }),
    z.strictObject({ type: z.literal('sts'), series: sts.seriesSchema, number: sts.numberSchema, date }),
    z.strictObject({ type: z.literal('epts'), number: eptsSchema, date }),
  ],
  { error: () => 'validation.required' },
)

export const vehicleSchema = z
  .strictObject({
    makeId: z.string().max(80).nullable(),
    /** Catalogue model id, or null for "other" with the full name as in the title. */
    modelId: z.string().max(80).nullable(),
    otherName: optionalText(200),
    /** Derived from the model (or chosen for "other"); the tariff prices B/BE at the counter. */
    category: text(8),
    usedWithTrailer: z.boolean(),
    year: z
      .number({ error: () => 'validation.required' })
      .int()
      .min(1950, { message: 'osago.form.yearRange' })
      .max(2100, { message: 'osago.form.yearRange' }),
    powerUnit: z.enum(POWER_UNITS),
    power: z
      .number({ error: () => 'validation.required' })
      .positive({ message: 'osago.input.power' })
      .max(2000, { message: 'osago.input.power' })
      .nullable(),
    maxMassKg: z.number().int().positive().max(100_000).nullable(),
    seats: z.number().int().positive().max(300).nullable(),
    steering: z.enum(STEERING),
    ...vehicleIdentificationShape,
    plate: optionalPlateSchema,
    purpose: text(40),
    registrationDoc: registrationDocSchema,
    diagnosticCard: z.strictObject({ number: diagnosticCardSchema, issueDate: date, validUntil: date }).nullable(),
  })
  .transform((v, ctx) => {
    const problems = checkVehicleIdentification(v)
    for (const p of problems) reportProblem(ctx, p)
    if (v.modelId === null && !v.otherName) problem(ctx, 'osago.form.otherNameRequired', ['otherName'])
    return problems.length > 0 ? z.NEVER : { ...v, ...normaliseVehicleIdentification(v) }
  })

export const periodSchema = z.strictObject({ from: date, to: date })

export const osagoApplicationSchema = z
  .strictObject({
    contract: z.strictObject({
      conclusionDate: date,
      startDate: date,
      periodsOfUse: z.array(periodSchema).max(3, { message: 'osago.form.tooManyPeriods' }),
    }),
    /** A citizen or an organisation (40-FZ art. 15: the insured may be any owner or other person). */
    insured: partySchema,
    ownerIsInsured: z.boolean(),
    owner: ownerSchema.nullable(),
    vehicle: vehicleSchema,
    drivers: z.discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('unlimited'),
        ownerKbmClass: kbmClass,
        ownerKbmCheck: kbmCheckSchema.nullable().optional(),
      }),
      z.strictObject({
        mode: z.literal('list'),
        list: z.array(driverSchema).min(1, { message: 'osago.input.driversEmpty' }).max(20),
      }),
    ]),
    grossViolations: z.boolean(),
  })
  .superRefine((a, ctx) => {
    const { conclusionDate, startDate } = a.contract
    if (compareDates(startDate, conclusionDate) < 0)
      problem(ctx, 'osago.form.startBeforeConclusion', ['contract', 'startDate'])
    if (!a.ownerIsInsured && !a.owner) problem(ctx, 'validation.required', ['owner'])
    if (a.insured.kind === 'person' && fullYearsBetween(a.insured.birthDate, conclusionDate) < 16) {
      problem(ctx, 'osago.form.insuredTooYoung', ['insured', 'birthDate'])
    }
    for (const [path, key] of Object.entries(ownerRuleProblems(a))) problem(ctx, key, path.split('.'))
    if (a.drivers.mode === 'list')
      a.drivers.list.forEach((d, i) => {
        for (const [field, p] of Object.entries(driverDateProblems(d, a.contract, a.vehicle.category)))
          reportProblem(ctx, { ...p, path: ['drivers', 'list', i, field] })
      })
    for (const [field, key] of Object.entries(diagnosticCardProblems(a.vehicle.diagnosticCard, conclusionDate)))
      problem(ctx, key, ['vehicle', 'diagnosticCard', field])
  })

export type OsagoApplication = z.output<typeof osagoApplicationSchema>
export type OsagoApplicationInput = z.input<typeof osagoApplicationSchema>

interface OwnerShape {
  insured?: { kind?: unknown; form?: unknown } | null
  ownerIsInsured?: unknown
  owner?: { type?: unknown; entity?: { form?: unknown } | null } | null
  drivers?: { mode?: unknown } | null
}

/** The organisation that owns the vehicle, with the path of its block, or null when a citizen owns it. */
function organisationOwner(a: OwnerShape): { path: string; form: unknown } | null {
  if (a.ownerIsInsured || !a.owner)
    return a.insured?.kind === 'organisation' ? { path: 'insured', form: a.insured.form } : null
  return a.owner.type === 'legal' ? { path: 'owner.entity', form: a.owner.entity?.form } : null
}

/**
 * Who may be insured and how, by the owner (dotted path → i18n key), on a draft as typed or a parsed application:
 * - 40-FZ art. 16 p. 1: only a citizen owner may limit the drivers list; an organisation's policy covers any driver.
 * - An entrepreneur (ИП) is a citizen: OSAGO insures one as a person, with a passport, and may limit the list.
 */
export function ownerRuleProblems(a: OwnerShape): Record<string, string> {
  const out: Record<string, string> = {}
  const organisation = organisationOwner(a)
  if (organisation && a.drivers?.mode === 'list') out['drivers.mode'] = 'osago.form.driversNotForOrganisation'
  if (a.insured?.kind === 'organisation' && a.insured.form === 'ip')
    out['insured.form'] = 'osago.form.entrepreneurAsPerson'
  if (!a.ownerIsInsured && a.owner?.type === 'legal' && a.owner.entity?.form === 'ip')
    out['owner.entity.form'] = 'osago.form.entrepreneurAsPerson'
  return out
}

/**
 * A stored application in today's shape. Applications stored before organisations were possible have a person
 * insured without `kind` and a legal-entity owner as `{ name, inn, ogrn, address }`; they were valid when stored
 * and are read, not validated again.
 */
export function readOsagoApplication(raw: unknown): OsagoApplication {
  const a = (typeof raw === 'string' ? JSON.parse(raw) : raw) as OsagoApplication
  const owner =
    a.owner?.type === 'legal' ? { type: 'legal' as const, entity: readStoredOrganisation(a.owner.entity) } : a.owner
  return { ...a, insured: readStoredParty(a.insured), owner }
}

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
    insured?: { kind?: string; birthDate?: string; form?: unknown }
    ownerIsInsured?: boolean
    owner?: { type?: string; entity?: unknown } | null
    vehicle?: {
      vinMissing?: boolean | null
      vin?: string | null
      bodyNumber?: string | null
      chassisNumber?: string | null
      modelId?: string | null
      otherName?: string | null
      category?: string | null
    }
    drivers?: {
      mode?: string
      list?: Array<{
        kbmClass?: string
        kbmReason?: string | null
        kbmCheck?: KbmCheck | null
        licence?: { series?: string; number?: string }
        birthDate?: string
        licenseSince?: string
        licenseYearOnly?: boolean
      }>
    }
  }
  if (a.vehicle) {
    for (const p of checkVehicleIdentification(a.vehicle)) out[['vehicle', ...p.path].join('.')] ??= p.key
    if (!a.vehicle.modelId && !a.vehicle.otherName) out['vehicle.otherName'] ??= 'osago.form.otherNameRequired'
  }
  const card = (a.vehicle as { diagnosticCard?: DiagnosticCardDates | null } | undefined)?.diagnosticCard
  for (const [field, key] of Object.entries(diagnosticCardProblems(card, a.contract?.conclusionDate)))
    out[`vehicle.diagnosticCard.${field}`] ??= key
  const c = a.contract
  if (
    c?.conclusionDate &&
    c.startDate &&
    isCalendarDate(c.conclusionDate) &&
    isCalendarDate(c.startDate) &&
    c.startDate < c.conclusionDate
  ) {
    out['contract.startDate'] = 'osago.form.startBeforeConclusion'
  }
  const birth = a.insured?.kind === 'organisation' ? undefined : a.insured?.birthDate
  if (
    c?.conclusionDate &&
    birth &&
    isCalendarDate(birth) &&
    isCalendarDate(c.conclusionDate) &&
    fullYearsBetween(birth, c.conclusionDate) < 16
  ) {
    out['insured.birthDate'] = 'osago.form.insuredTooYoung'
  }
  a.drivers?.list?.forEach((d, i) => {
    if (d.kbmClass && d.kbmClass !== '3' && !d.kbmReason?.trim() && !driverKbmChecked(d))
      out[`drivers.list.${i}.kbmReason`] = 'osago.form.kbmReasonRequired'
    for (const [field, p] of Object.entries(driverDateProblems(d, c ?? {}, a.vehicle?.category)))
      out[`drivers.list.${i}.${field}`] = p.key
  })
  Object.assign(out, partyProblemsAt(a.insured, 'insured'))
  if (!a.ownerIsInsured && a.owner?.type === 'legal')
    Object.assign(out, organisationProblemsAt(a.owner.entity, 'owner.entity'))
  Object.assign(out, ownerRuleProblems(a as OwnerShape))
  return out
}

/** The whole check, as the form and the core run it: field formats plus cross-field rules. */
export function validateOsagoApplication(
  raw: unknown,
): { ok: true; application: OsagoApplication } | ({ ok: false } & FieldCheck) {
  const parsed = osagoApplicationSchema.safeParse(raw, { reportInput: true })
  const fieldErrors = { ...crossFieldProblems(raw), ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error)) }
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, application: parsed.data }
  const fieldParams = { ...crossFieldParams(raw), ...(parsed.success ? {} : zodIssuesToFieldParams(parsed.error)) }
  return { ok: false, fieldErrors, fieldParams }
}

/**
 * The placeholders of the cross-field messages, by the same paths: a VIN's entered length («введено {n}»). zod runs
 * the vehicle's own check only once the rest of it parses, so while the form is incomplete the message comes from
 * `crossFieldProblems` and its parameters from here.
 */
function crossFieldParams(raw: unknown): Record<string, MessageParams> {
  const out: Record<string, MessageParams> = {}
  const vehicle = (raw as { vehicle?: Parameters<typeof checkVehicleIdentification>[0] } | null)?.vehicle
  if (vehicle)
    for (const p of checkVehicleIdentification(vehicle))
      if (p.params) out[['vehicle', ...p.path].join('.')] ??= p.params
  const a = raw as { contract?: ContractDates; vehicle?: { category?: string }; drivers?: { list?: DriverDates[] } }
  a?.drivers?.list?.forEach((d, i) => {
    for (const [field, p] of Object.entries(driverDateProblems(d, a.contract ?? {}, a.vehicle?.category)))
      if (p.params) out[`drivers.list.${i}.${field}`] = p.params
  })
  return out
}
