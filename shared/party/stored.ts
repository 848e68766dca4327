import { isOrganisationForm } from './organisationForms'
import type { Organisation, Party } from './schemas'

/**
 * Validated parties as stored by earlier versions, read into today's shape. They were valid when stored and are
 * not validated again (a rule tightened since must not make an issued contract unreadable):
 * - a person stored before parties had a kind has no `kind`;
 * - a legal entity stored as `{ name, inn, ogrn, address }` had no form, short name, KPP or contacts asked. Its
 *   form reads as `other` (the full name carries the real one) and the rest as not given.
 */
type Loose = Record<string, unknown>
const orNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

export function readStoredOrganisation(raw: unknown): Organisation {
  const o = (raw ?? {}) as Loose
  if (isOrganisationForm(o.form) && typeof o.fullName === 'string') return raw as Organisation
  return {
    form: 'other',
    fullName: String(o.fullName ?? o.name ?? ''),
    shortName: orNull(o.shortName),
    inn: String(o.inn ?? ''),
    kpp: orNull(o.kpp),
    ogrn: String(o.ogrn ?? ''),
    address: o.address as Organisation['address'],
    phone: orNull(o.phone),
    email: orNull(o.email),
  }
}

export function readStoredParty(raw: unknown): Party {
  const p = (raw ?? {}) as Loose
  if (p.kind === 'organisation') return { kind: 'organisation', ...readStoredOrganisation(p) }
  if (p.kind === 'person') return raw as Party
  return { ...(p as object), kind: 'person' } as Party
}
