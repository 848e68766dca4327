import { z } from 'zod'
import { organisationDraftSchema, partyDraftSchema, personDraftSchema as person } from '../party/draftSchema'
import type { OsagoDraft } from './draft'
import { kbmCheckSchema } from './kbmCheck'

/**
 * The shape of a draft as it crosses IPC: types and sizes are checked (nothing else gets stored), contents are
 * not — a half-typed VIN must still autosave. Completeness is `osagoApplicationSchema`'s job.
 */
const s = (max = 300) => z.string().max(max, { message: 'validation.text.tooLong' })
const date = s(10)
const num = z.number().finite().nullable()
const gender = z.enum(['male', 'female']).nullable()

const driver = z.strictObject({
  surname: s(60),
  name: s(60),
  patronymic: s(60),
  gender,
  birthDate: date,
  licence: z.strictObject({ series: s(10), number: s(10) }),
  licenseSince: date,
  licenseYearOnly: z.boolean(),
  kbmClass: s(2),
  kbmReason: s(300),
  kbmCheck: kbmCheckSchema.nullable().optional(),
})

export const osagoDraftSchema: z.ZodType<OsagoDraft> = z.strictObject({
  contract: z.strictObject({
    conclusionDate: date,
    startDate: date,
    periodsOfUse: z.array(z.strictObject({ from: date, to: date })).max(3, { message: 'osago.form.tooManyPeriods' }),
  }),
  insured: partyDraftSchema,
  ownerIsInsured: z.boolean(),
  owner: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('individual'), person }),
      z.strictObject({ type: z.literal('legal'), entity: organisationDraftSchema }),
    ])
    .nullable(),
  vehicle: z.strictObject({
    makeId: s(80).nullable(),
    modelId: s(80).nullable(),
    otherName: s(200),
    category: s(8),
    usedWithTrailer: z.boolean(),
    year: num,
    powerUnit: z.enum(['hp', 'kw']),
    power: num,
    maxMassKg: num,
    seats: num,
    steering: z.enum(['left', 'right']),
    vinMissing: z.boolean(),
    vin: s(40),
    bodyNumber: s(40),
    chassisNumber: s(40),
    plate: s(20),
    purpose: s(40),
    registrationDoc: z.strictObject({ type: z.enum(['pts', 'sts', 'epts']), series: s(10), number: s(20), date }),
    diagnosticCard: z.strictObject({ number: s(30), issueDate: date.default(''), validUntil: date }).nullable(),
  }),
  drivers: z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('unlimited'),
      ownerKbmClass: s(2),
      ownerKbmCheck: kbmCheckSchema.nullable().optional(),
    }),
    z.strictObject({ mode: z.literal('list'), list: z.array(driver).max(20) }),
  ]),
  grossViolations: z.boolean(),
})
