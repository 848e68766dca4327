import type { ClientLinkEntity, ClientCard } from '@shared/client/client'
import type { PartyDraft } from '@shared/party/draft'
import { formatPhone } from '@shared/format/identifiers'

/** Where a record of the card opens, and how its status reads (the status texts its own list shows). */
export const RECORD_SCREENS: Record<ClientLinkEntity, { route: string; statusPrefix: string }> = {
  osago_policy: { route: 'osago-policy', statusPrefix: 'osago.status' },
  casco_quote: { route: 'casco-quote', statusPrefix: 'casco.status' },
  inspection: { route: 'inspection', statusPrefix: 'inspection.status' },
  termination_application: { route: 'termination-application', statusPrefix: 'termination.status' },
}

const joined = (parts: ReadonlyArray<string | null | undefined>, sep = ', ') =>
  parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(sep)

/** The card's data as label key → text, only what is known (a card made from an inspection knows a name and a phone). */
export function partyLines(party: PartyDraft, formatDate: (d: string) => string): Array<[string, string]> {
  const address = joined([
    party.address.region,
    party.address.city,
    party.address.street,
    party.address.house,
    party.address.flat,
  ])
  const lines: Array<[string, string]> =
    party.kind === 'person'
      ? [
          ['client.fields.phone', formatPhone(party.phone)],
          // «45 19 123456», as the passport's masked fields show it.
          [
            'client.fields.passport',
            joined([party.passport.series.replace(/^(\d{2})(\d{2})$/, '$1 $2'), party.passport.number], ' '),
          ],
          ['client.fields.birthDate', party.birthDate ? formatDate(party.birthDate) : ''],
          ['client.fields.address', address],
          ['client.fields.email', party.email],
        ]
      : [
          ['client.fields.inn', party.inn],
          ['client.fields.ogrn', party.ogrn],
          ['client.fields.phone', formatPhone(party.phone)],
          ['client.fields.address', address],
          ['client.fields.email', party.email],
        ]
  return lines.filter(([, v]) => v.trim() !== '')
}

/** Which new applications the card may start: OSAGO for anyone, CASCO for a person (CASCO's insured is a person). */
export function startsFor(card: Pick<ClientCard, 'kind' | 'status'>): { osago: boolean; casco: boolean } {
  const active = card.status === 'active'
  return { osago: active, casco: active && card.kind === 'person' }
}

/** The label of a party field a version changed: the same keys the edit form's fields show. */
const CHANGE_LABELS: Record<string, string> = {
  surname: 'osago.ui.person.surname',
  name: 'osago.ui.person.name',
  patronymic: 'osago.ui.person.patronymic',
  gender: 'osago.ui.person.gender',
  birthDate: 'osago.ui.person.birthDate',
  'passport.series': 'osago.ui.person.passportSeries',
  'passport.number': 'osago.ui.person.passportNumber',
  'passport.issueDate': 'osago.ui.person.issueDate',
  'passport.issuer': 'osago.ui.person.issuer',
  'passport.departmentCode': 'osago.ui.person.departmentCode',
  'address.region': 'osago.ui.address.region',
  'address.city': 'osago.ui.address.city',
  'address.street': 'osago.ui.address.street',
  'address.house': 'osago.ui.address.house',
  'address.flat': 'osago.ui.address.flat',
  phone: 'osago.ui.person.phone',
  email: 'osago.ui.person.email',
  form: 'party.fields.form',
  fullName: 'party.fields.fullName',
  shortName: 'party.fields.shortName',
  inn: 'party.fields.inn',
  kpp: 'party.fields.kpp',
  ogrn: 'party.fields.ogrn',
}

/** The i18n key naming a changed field; a field this list does not know is named generically, never by its path. */
export function changeLabel(path: string): string {
  return CHANGE_LABELS[path] ?? 'client.versions.otherField'
}
