import { z } from 'zod'
import { organisationDraftSchema, personDraftSchema as person } from '../party/draftSchema'
import { CASCO_PLANS } from './schedule'
import { CASCO_BASE_PROGRAMS, CASCO_RISKS, CASCO_SETTLEMENTS, CASCO_TERRITORIES } from './quoteInput'
import { ANTI_THEFT_SYSTEMS } from './tariffSchema'
import { MAX_OPTIONS, type CascoDraft } from './draft'

/**
 * The shape of a CASCO draft as it crosses IPC: types and sizes are checked (nothing else gets stored), contents
 * are not — a half-typed VIN must still autosave. Pricing is the engine's job, completeness `cascoApplicationSchema`'s.
 * People and the owner organisation are the shared party draft schemas (shared/party/draftSchema.ts).
 */
const s = (max = 300) => z.string().max(max, { message: 'validation.text.tooLong' })
const date = s(10)
const num = z.number().finite().nullable()
const money = z.number().int().min(0).max(1e13).nullable()
const gender = z.enum(['male', 'female']).nullable()

const driver = z.strictObject({
  surname: s(60),
  name: s(60),
  patronymic: s(60),
  gender,
  birthDate: date,
  licence: z.strictObject({ series: s(10), number: s(10) }),
  licenseSince: date,
})
const option = z.strictObject({
  program: z.enum(CASCO_BASE_PROGRAMS),
  risks: z.enum(CASCO_RISKS),
  extras: z.boolean(),
  gap: z.boolean(),
  uts: z.boolean(),
  accident: z.strictObject({ enabled: z.boolean(), sumPerSeatKopecks: money, seats: num }),
  extendedLiabilityKopecks: money,
  franchise: z.strictObject({
    type: z.enum(['none', 'conditional', 'unconditional']),
    mode: z.enum(['amount', 'percent']),
    value: num,
  }),
  settlement: z.enum(CASCO_SETTLEMENTS),
  territory: z.enum(CASCO_TERRITORIES),
  plan: z.enum(CASCO_PLANS),
  discountPercent: num,
})

export const cascoDraftSchema: z.ZodType<CascoDraft> = z.strictObject({
  contract: z.strictObject({ quoteDate: date, startDate: date, termMonths: z.number().int().min(1).max(12) }),
  insured: person,
  ownerIsInsured: z.boolean(),
  owner: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('individual'), person }),
      // The shared party organisation, as OSAGO's owner: the owner section both forms use writes this shape.
      z.strictObject({ type: z.literal('legal'), entity: organisationDraftSchema }),
    ])
    .nullable(),
  vehicle: z.strictObject({
    makeId: s(80).nullable(),
    modelId: s(80).nullable(),
    otherName: s(200),
    otherForeign: z.boolean(),
    category: s(8),
    year: num,
    powerUnit: z.enum(['hp', 'kw']),
    power: num,
    vinMissing: z.boolean(),
    vin: s(40),
    bodyNumber: s(40),
    chassisNumber: s(40),
    plate: s(20),
    registrationDoc: z.strictObject({ type: z.enum(['pts', 'sts', 'epts']), series: s(10), number: s(20), date }),
    newCar: z.boolean(),
    mileageKm: num,
    marketValueKopecks: money,
    antiTheft: z.array(z.enum(ANTI_THEFT_SYSTEMS)).max(ANTI_THEFT_SYSTEMS.length),
    extras: z.array(z.strictObject({ name: s(200), valueKopecks: money })).max(30),
  }),
  sumInsuredKopecks: money,
  drivers: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('unlimited') }),
    z.strictObject({ mode: z.literal('list'), list: z.array(driver).max(20) }),
  ]),
  previousPolicy: z
    .strictObject({ startDate: date, endDate: date, claims: num, sameOwnerAndInsured: z.boolean() })
    .nullable(),
  options: z
    .array(option)
    .min(1, { message: 'casco.ui.errors.noOptions' })
    .max(MAX_OPTIONS, { message: 'casco.ui.errors.tooManyOptions' }),
})
