import { z } from 'zod'
import { compareDates } from '../dates/calendarDate'
import { ownerSchema, personSchema, registrationDocSchema } from '../osago/application'
import { organisationProblemsAt } from '../party/validate'
import {
  checkVehicleIdentification,
  driverLicence,
  normaliseVehicleIdentification,
  optionalPersonNameSchema,
  optionalPlateSchema,
  personNameSchema,
  reportProblem,
  vehicleIdentificationShape,
  requiredDateSchema,
} from '../validation'
import { driverDateProblems, type ContractDates, type DriverDates } from '../validation/driverDates'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams, type FieldCheck } from '../validation/fieldErrors'
import type { FieldProblem, MessageParams } from '../validation/messageKey'
import type { CascoDraft } from './draft'

/**
 * What a CASCO case must hold before it goes to the underwriter and onto the contract: the client's documents,
 * the vehicle's identifiers and registration document, the named drivers. Pricing facts (value, mileage,
 * options) are the engine's to check. Paths match the draft's, so every message shows at its field; the same
 * OSAGO person, owner and registration-document rules apply (one set of validators for both products).
 */
type Ctx = z.core.$RefinementCtx
const problem = (ctx: Ctx, key: string, path: (string | number)[]) =>
  ctx.addIssue({ code: 'custom', message: key, path })
const date = requiredDateSchema

const driverSchema = z
  .strictObject({
    surname: personNameSchema,
    name: personNameSchema,
    patronymic: optionalPersonNameSchema,
    gender: z.enum(['male', 'female'], { message: 'validation.required' }),
    birthDate: date,
    licence: z.strictObject({ series: driverLicence.seriesSchema, number: driverLicence.numberSchema }),
    licenseSince: date,
  })
  .superRefine((d, ctx) => {
    // The licence against the birth date alone; the contract's dates are judged with the whole application.
    for (const [field, p] of Object.entries(driverDateProblems(d, {}, null)))
      reportProblem(ctx, { ...p, path: [field] })
  })

const vehicleSchema = z
  .object({
    makeId: z.string().nullable(),
    modelId: z.string().nullable(),
    otherName: z.string().trim().max(200, { message: 'validation.text.tooLong' }),
    /** The catalogue's category: the youngest driver allowed depends on it (motorcycles from 16). */
    category: z.string(),
    year: z.number({ error: () => 'validation.required' }).int(),
    ...vehicleIdentificationShape,
    plate: optionalPlateSchema,
    registrationDoc: registrationDocSchema,
  })
  .transform((v, ctx) => {
    const problems = checkVehicleIdentification(v)
    for (const p of problems) reportProblem(ctx, p)
    if (v.modelId === null && !v.otherName) problem(ctx, 'casco.ui.errors.otherNameRequired', ['otherName'])
    return problems.length > 0 ? z.NEVER : { ...v, ...normaliseVehicleIdentification(v) }
  })

export const cascoApplicationSchema = z
  .object({
    contract: z.object({ quoteDate: date, startDate: date }),
    insured: personSchema,
    ownerIsInsured: z.boolean(),
    owner: ownerSchema.nullable(),
    vehicle: vehicleSchema,
    drivers: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('unlimited') }),
      z.object({
        mode: z.literal('list'),
        list: z.array(driverSchema).min(1, { message: 'casco.ui.errors.driversEmpty' }),
      }),
    ]),
  })
  .superRefine((a, ctx) => {
    if (compareDates(a.contract.startDate, a.contract.quoteDate) < 0)
      problem(ctx, 'casco.ui.errors.startBeforeQuote', ['contract', 'startDate'])
    if (!a.ownerIsInsured && !a.owner) problem(ctx, 'validation.required', ['owner'])
    for (const p of driverDateIssues(a)) reportProblem(ctx, p)
  })
export type CascoApplication = z.output<typeof cascoApplicationSchema>

/**
 * The whole check, as the form and the core run it. zod holds back an organisation's identifier checks (INN, KPP,
 * OGRN against its form) while another of its fields is invalid; they run here on the value as typed too, so a
 * wrong INN shows at its field while the address is still empty — as on the OSAGO form.
 */
export function validateCascoApplication(
  raw: unknown,
): { ok: true; application: CascoApplication } | ({ ok: false } & FieldCheck) {
  const parsed = cascoApplicationSchema.safeParse(raw, { reportInput: true })
  const a = (raw ?? {}) as { ownerIsInsured?: unknown; owner?: { type?: unknown; entity?: unknown } | null }
  const owner =
    !a.ownerIsInsured && a.owner?.type === 'legal' ? organisationProblemsAt(a.owner.entity, 'owner.entity') : {}
  const drivers: Record<string, string> = {}
  const driverParams: Record<string, MessageParams> = {}
  for (const p of driverDateIssues(raw)) {
    const path = p.path.join('.')
    drivers[path] = p.key
    if (p.params) driverParams[path] = p.params
  }
  const fieldErrors = { ...owner, ...drivers, ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error)) }
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, application: parsed.data }
  return {
    ok: false,
    fieldErrors,
    fieldParams: { ...driverParams, ...(parsed.success ? {} : zodIssuesToFieldParams(parsed.error)) },
  }
}

/**
 * The listed drivers' dates against the contract's (the rule OSAGO applies too), on the application parsed or as
 * typed: zod holds back the root's check while any field is invalid, and a 17-year-old driver should show at the
 * field while the vehicle is still empty. The quote date is the day the application is made.
 */
function driverDateIssues(raw: unknown): FieldProblem[] {
  const a = raw as {
    contract?: { quoteDate?: string; startDate?: string } | null
    vehicle?: { category?: string } | null
    drivers?: { list?: DriverDates[] } | null
  } | null
  const contract: ContractDates = { conclusionDate: a?.contract?.quoteDate, startDate: a?.contract?.startDate }
  const out: FieldProblem[] = []
  a?.drivers?.list?.forEach((d, i) => {
    for (const [field, p] of Object.entries(driverDateProblems(d, contract, a.vehicle?.category)))
      out.push({ ...p, path: ['drivers', 'list', i, field] })
  })
  return out
}

/** The draft shaped for `cascoApplicationSchema`: the owner block only when the owner is someone else. */
export function draftToApplicationInput(draft: CascoDraft): unknown {
  const v = draft.vehicle
  return {
    contract: draft.contract,
    insured: draft.insured,
    ownerIsInsured: draft.ownerIsInsured,
    owner: draft.ownerIsInsured ? null : draft.owner,
    vehicle: {
      makeId: v.makeId,
      modelId: v.modelId,
      otherName: v.modelId ? '' : v.otherName,
      category: v.category,
      year: v.year,
      vinMissing: v.vinMissing,
      vin: v.vin,
      bodyNumber: v.bodyNumber,
      chassisNumber: v.chassisNumber,
      plate: v.plate,
      registrationDoc:
        v.registrationDoc.type === 'epts'
          ? { type: 'epts', number: v.registrationDoc.number, date: v.registrationDoc.date }
          : v.registrationDoc,
    },
    drivers: draft.drivers,
  }
}
