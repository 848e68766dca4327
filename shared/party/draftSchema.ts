import { z } from 'zod'
import { ORGANISATION_FORM_CODES } from './organisationForms'

/**
 * The shape of party drafts as they cross IPC: types and sizes only (a half-typed INN must still autosave).
 * Completeness is `partySchema`'s job.
 */
const s = (max = 300) => z.string().max(max, { message: 'validation.text.tooLong' })
const gender = z.enum(['male', 'female']).nullable()

export const addressDraftSchema = z.strictObject({
  region: s(120),
  city: s(120),
  street: s(160),
  house: s(20),
  flat: s(20),
})

export const personDraftShape = {
  surname: s(60),
  name: s(60),
  patronymic: s(60),
  gender,
  birthDate: s(10),
  passport: z.strictObject({ series: s(10), number: s(10), issueDate: s(10), issuer: s(250), departmentCode: s(10) }),
  address: addressDraftSchema,
  phone: s(30),
  email: s(120),
}
export const personDraftSchema = z.strictObject(personDraftShape)

export const organisationDraftShape = {
  form: z.enum(ORGANISATION_FORM_CODES).nullable(),
  fullName: s(500),
  shortName: s(250),
  inn: s(20),
  kpp: s(20),
  ogrn: s(20),
  address: addressDraftSchema,
  phone: s(30),
  email: s(120),
}
export const organisationDraftSchema = z.strictObject(organisationDraftShape)

export const partyDraftSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), ...personDraftShape }),
  z.strictObject({ kind: z.literal('organisation'), ...organisationDraftShape }),
])
