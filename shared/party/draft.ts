import { isOrganisationForm, type OrganisationForm } from './organisationForms'

/**
 * A party (a person or an organisation) as a form holds it while the clerk types: every field present, values
 * possibly empty. Saved as is; `partySchema` (schemas.ts) decides when one is complete. Product-neutral: OSAGO
 * uses it for the insured and the owner, and a client card can hold the same shape.
 */
export interface AddressDraft {
  region: string
  city: string
  street: string
  house: string
  flat: string
}

export interface PersonDraft {
  surname: string
  name: string
  patronymic: string
  gender: 'male' | 'female' | null
  birthDate: string
  passport: { series: string; number: string; issueDate: string; issuer: string; departmentCode: string }
  address: AddressDraft
  phone: string
  email: string
}

export interface OrganisationDraft {
  /** Null until chosen; decides which INN, KPP and OGRN the organisation has. */
  form: OrganisationForm | null
  fullName: string
  shortName: string
  inn: string
  /** Empty for an entrepreneur, who has none. */
  kpp: string
  /** OGRN (13 digits) of a legal entity, OGRNIP (15 digits) of an entrepreneur. */
  ogrn: string
  /** The legal address as in the register (ЕГРЮЛ/ЕГРИП). */
  address: AddressDraft
  phone: string
  email: string
}

export type PersonPartyDraft = { kind: 'person' } & PersonDraft
export type OrganisationPartyDraft = { kind: 'organisation' } & OrganisationDraft
export type PartyDraft = PersonPartyDraft | OrganisationPartyDraft
export type PartyKind = PartyDraft['kind']

export function emptyAddress(): AddressDraft {
  return { region: '', city: '', street: '', house: '', flat: '' }
}

export function emptyPerson(): PersonDraft {
  return {
    surname: '',
    name: '',
    patronymic: '',
    gender: null,
    birthDate: '',
    passport: { series: '', number: '', issueDate: '', issuer: '', departmentCode: '' },
    address: emptyAddress(),
    phone: '',
    email: '',
  }
}

export function emptyOrganisation(): OrganisationDraft {
  return {
    form: null,
    fullName: '',
    shortName: '',
    inn: '',
    kpp: '',
    ogrn: '',
    address: emptyAddress(),
    phone: '',
    email: '',
  }
}

export function emptyParty(kind: PartyKind): PartyDraft {
  return kind === 'person' ? { kind, ...emptyPerson() } : { kind, ...emptyOrganisation() }
}

type Loose = Record<string, unknown>
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string => (typeof v === 'string' ? v : '')

function readAddress(raw: unknown): AddressDraft {
  const a = isObject(raw) ? raw : {}
  return {
    region: text(a.region),
    city: text(a.city),
    street: text(a.street),
    house: text(a.house),
    flat: text(a.flat),
  }
}

/**
 * An organisation as stored by any version: the first OSAGO drafts kept a legal-entity owner as
 * `{ name, inn, ogrn, address }` — `name` is the full name, and form and KPP were not asked yet.
 */
export function readOrganisationDraft(raw: unknown): OrganisationDraft {
  const o = isObject(raw) ? raw : {}
  return {
    form: isOrganisationForm(o.form) ? o.form : null,
    fullName: text(o.fullName ?? o.name),
    shortName: text(o.shortName),
    inn: text(o.inn),
    kpp: text(o.kpp),
    ogrn: text(o.ogrn),
    address: readAddress(o.address),
    phone: text(o.phone),
    email: text(o.email),
  }
}

/**
 * A party as stored by any version. Before parties had a kind, the insured was always a person (a `PersonDraft`
 * without `kind`): such a record loads as a person, unchanged.
 */
export function readPartyDraft(raw: unknown): PartyDraft {
  const p = isObject(raw) ? raw : {}
  if (p.kind === 'organisation') return { kind: 'organisation', ...readOrganisationDraft(p) }
  const { kind: _kind, ...person } = p
  return { kind: 'person', ...emptyPerson(), ...(person as Partial<PersonDraft>) }
}
