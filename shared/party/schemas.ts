import { z } from 'zod'
import {
  departmentCodeSchema,
  optionalEmailSchema,
  optionalPersonNameSchema,
  optionalPhoneSchema,
  passport,
  personNameSchema,
  phoneSchema,
  textInputError,
  requiredDateSchema,
} from '../validation'
import { normaliseOrganisationIds, organisationIdProblems } from './organisationIds'
import { ORGANISATION_FORM_CODES } from './organisationForms'

/**
 * A complete party: a person (a citizen with an RF passport) or an organisation (a legal entity or an
 * entrepreneur). Field formats report through the validators' own i18n keys; what depends on the organisational
 * form (which INN, KPP, OGRN) is `organisationIdProblems`, which also runs on a half-typed value (see
 * `partyProblems`), since zod skips an object's checks while another of its fields is still invalid.
 */
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

export const GENDERS = ['male', 'female'] as const

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

const organisationShape = {
  form: z.enum(ORGANISATION_FORM_CODES, { error: () => 'party.validation.formRequired' }),
  /** As in the register: «Общество с ограниченной ответственностью «Ромашка»». */
  fullName: text(500),
  /** «ООО «Ромашка»»; optional — not every organisation has one. */
  shortName: optionalText(250),
  inn: z.string({ error: textInputError }),
  kpp: z.string({ error: textInputError }).nullish(),
  ogrn: z.string({ error: textInputError }),
  address: addressSchema,
  phone: optionalPhoneSchema,
  email: optionalEmailSchema,
}

type Ctx = z.core.$RefinementCtx
type WithIds = { inn: string; kpp?: string | null | undefined; ogrn: string; form: string }

/** The form-dependent identifier checks on a value whose fields all passed; the stored identifiers normalised. */
function checkedIds<T extends WithIds>(
  o: T,
  ctx: Ctx,
): Omit<T, 'kpp'> & { inn: string; kpp: string | null; ogrn: string } {
  const problems = Object.entries(organisationIdProblems(o))
  for (const [field, key] of problems) ctx.addIssue({ code: 'custom', message: key, path: [field] })
  return problems.length > 0 ? z.NEVER : { ...o, ...normaliseOrganisationIds(o) }
}

export const organisationSchema = z.strictObject(organisationShape).transform(checkedIds)

/** Either kind, told apart by `kind`: the shape a product keeps for its insured, policyholder or client. */
export const partySchema = z
  .discriminatedUnion(
    'kind',
    [
      personSchema.extend({ kind: z.literal('person') }),
      z.strictObject({ kind: z.literal('organisation'), ...organisationShape }),
    ],
    { error: () => 'validation.required' },
  )
  .transform((p, ctx) => (p.kind === 'organisation' ? checkedIds(p, ctx) : p))

export type Address = z.output<typeof addressSchema>
export type Person = z.output<typeof personSchema>
export type Organisation = z.output<typeof organisationSchema>
export type Party = z.output<typeof partySchema>
export type PersonParty = Extract<Party, { kind: 'person' }>
export type OrganisationParty = Extract<Party, { kind: 'organisation' }>
