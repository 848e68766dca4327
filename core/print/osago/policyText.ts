import type { OsagoApplication } from '../../../shared/osago/application'
import type { StoredOsagoPremium } from '../../../shared/osago/calculator'
import { formatDateRu } from '../../../shared/print/format'
import { organisationName } from '../../../shared/party/display'
import { formatPhone } from '../../../shared/format/identifiers'

/**
 * How the OSAGO documents write people, documents and the vehicle. One place, so the blank, the archive copy
 * and the application say the same thing the same way. The wording is the Russian of the forms themselves:
 * these documents are always printed in Russian whatever the screen language.
 */
type Application = OsagoApplication
type Party = Application['insured']
type Organisation = Extract<Party, { kind: 'organisation' }>
type Person = Extract<Party, { kind: 'person' }>
type Address = Party['address']
type Driver = Extract<Application['drivers'], { mode: 'list' }>['list'][number]

export const DASH = '—'

export function fullName(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}

export function addressLine(a: Address): string {
  return [a.region, a.city, a.street, `д. ${a.house}`, a.flat ? `кв. ${a.flat}` : null].filter(Boolean).join(', ')
}

/** Series as printed on the document: `45 12`, `77 ТК`; anything else as stored. */
export function spacedSeries(series: string): string {
  return /^[\dА-ЯЁ]{4}$/.test(series) ? `${series.slice(0, 2)} ${series.slice(2)}` : series
}

export function passportNumber(p: Person['passport']): string {
  return `${spacedSeries(p.series)} ${p.number}`
}

export function passportShort(p: Person['passport']): string {
  return `Паспорт гражданина РФ ${passportNumber(p)}`
}

export function passportFull(p: Person['passport']): string {
  return `${passportShort(p)}, выдан ${formatDateRu(p.issueDate)} ${p.issuer}, код подразделения ${p.departmentCode}`
}

export function licenceNumber(d: Driver): string {
  return `${spacedSeries(d.licence.series)} ${d.licence.number}`
}

export function gender(g: Person['gender']): string {
  return g === 'male' ? 'мужской' : 'женский'
}

export function registrationDocLine(doc: Application['vehicle']['registrationDoc']): string {
  const date = `от ${formatDateRu(doc.date)}`
  if (doc.type === 'epts') return `ЭПТС № ${doc.number} ${date}`
  const name = doc.type === 'pts' ? 'ПТС' : 'СТС'
  return `${name} ${spacedSeries(doc.series)} № ${doc.number} ${date}`
}

export function vinText(v: Application['vehicle']): string {
  return v.vinMissing || !v.vin ? 'ОТСУТСТВУЕТ' : v.vin
}

const decimal = (n: number | string) => String(n).replace('.', ',')

/**
 * Engine power in horsepower, as the form and the tariff count it. A power typed in kW is shown with the hp
 * value the calculation used (the KM row carries it), so the document never converts on its own.
 */
export function powerText(v: Application['vehicle'], calc: StoredOsagoPremium): string {
  if (v.power === null) return DASH
  if (v.powerUnit === 'hp') return `${decimal(v.power)} л. с.`
  const hp = calc.breakdown.find((b) => b.code === 'km')?.label.params.hp
  return hp === undefined ? `${decimal(v.power)} кВт` : `${decimal(hp)} л. с. (${decimal(v.power)} кВт)`
}

export function yesNo(value: boolean): string {
  return value ? 'да' : 'нет'
}

/** A party as a document shows it: a citizen by name and passport, an organisation by name and its numbers. */
export type PartyView =
  { kind: 'person'; person: Omit<Person, 'kind'> } | { kind: 'legal'; entity: Omit<Organisation, 'kind'> }

export function partyView(p: Party): PartyView {
  return p.kind === 'organisation' ? { kind: 'legal', entity: p } : { kind: 'person', person: p }
}

/** The owner as the policy shows it: the insured again when the owner is the insured. */
export type OwnerView = PartyView & { sameAsInsured: boolean }

export function ownerOf(app: Application): OwnerView {
  if (app.ownerIsInsured || !app.owner) return { ...partyView(app.insured), sameAsInsured: true }
  return app.owner.type === 'individual'
    ? { kind: 'person', person: app.owner.person, sameAsInsured: false }
    : { kind: 'legal', entity: app.owner.entity, sameAsInsured: false }
}

/** An OGRNIP for an entrepreneur (15 digits), an OGRN for everyone else. */
function registrationNumberLabel(o: Omit<Organisation, 'kind'>): string {
  return o.form === 'ip' ? 'ОГРНИП' : 'ОГРН'
}

/** «ИНН 7707083893, КПП 773601001, ОГРН 1027700132195» — KPP only where the organisation has one. */
export function organisationNumbers(o: Omit<Organisation, 'kind'>): string {
  return [`ИНН ${o.inn}`, o.kpp ? `КПП ${o.kpp}` : null, `${registrationNumberLabel(o)} ${o.ogrn}`]
    .filter(Boolean)
    .join(', ')
}

/** The organisation block of the application: every identifier on its own line. */
export function organisationRows(o: Omit<Organisation, 'kind'>): Array<[string, string]> {
  return [
    ['Полное наименование', o.fullName],
    ['Сокращённое наименование', o.shortName ?? DASH],
    ['ИНН', o.inn],
    ['КПП', o.kpp ?? DASH],
    [registrationNumberLabel(o), o.ogrn],
    ['Адрес', addressLine(o.address)],
    ['Телефон', o.phone ? formatPhone(o.phone) : DASH],
    ['Электронная почта', o.email ?? DASH],
  ]
}

export function ownerName(o: PartyView): string {
  return o.kind === 'person' ? fullName(o.person) : o.entity.fullName
}

export function ownerDocument(o: PartyView): string {
  return o.kind === 'person' ? passportShort(o.person.passport) : organisationNumbers(o.entity)
}

export function ownerAddress(o: PartyView): string {
  return addressLine(o.kind === 'person' ? o.person.address : o.entity.address)
}

export function ownerBirthDate(o: PartyView): string {
  return o.kind === 'person' ? formatDateRu(o.person.birthDate) : DASH
}

/** Who signs for the insured: the citizen by surname and initials, an organisation by its name (its representative signs). */
export function signatoryName(p: Party): string {
  return p.kind === 'organisation' ? organisationName(p) : surnameInitials(p)
}

export function driversOf(app: Application): Driver[] {
  return app.drivers.mode === 'list' ? app.drivers.list : []
}

/** A file name that any file system accepts: no path separators or reserved characters. */
export function safeFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('')
  return printable
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** `Смирнов А. В.` — how a signature line names the person. */
export function surnameInitials(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, `${p.name[0]}.`, p.patronymic ? `${p.patronymic[0]}.` : null].filter(Boolean).join(' ')
}

/** `Полис ОСАГО ААК 0123456789`; the blank is assigned at issue, so a calculated policy has no number yet. */
export function policyNumber(blank: { series: string; number: string } | null): string | null {
  return blank ? `${blank.series} ${blank.number}` : null
}
