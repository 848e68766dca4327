import type { OsagoApplication } from '../../../shared/osago/application'
import type { OsagoPremium } from '../../../shared/osago/calculator'
import { formatDateRu } from '../../../shared/print/format'

/**
 * How the OSAGO documents write people, documents and the vehicle. One place, so the blank, the archive copy
 * and the application say the same thing the same way. The wording is the Russian of the forms themselves:
 * these documents are always printed in Russian whatever the screen language.
 */
type Application = OsagoApplication
type Person = Application['insured']
type Address = Person['address']
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
export function powerText(v: Application['vehicle'], calc: OsagoPremium): string {
  if (v.power === null) return DASH
  if (v.powerUnit === 'hp') return `${decimal(v.power)} л. с.`
  const hp = calc.breakdown.find((b) => b.code === 'km')?.label.params.hp
  return hp === undefined ? `${decimal(v.power)} кВт` : `${decimal(hp)} л. с. (${decimal(v.power)} кВт)`
}

export function yesNo(value: boolean): string {
  return value ? 'да' : 'нет'
}

/** The owner as the policy shows it: the insured again when the owner is the insured. */
export type OwnerView =
  | { kind: 'person'; person: Person; sameAsInsured: boolean }
  | { kind: 'legal'; entity: Extract<NonNullable<Application['owner']>, { type: 'legal' }>['entity'] }

export function ownerOf(app: Application): OwnerView {
  if (app.ownerIsInsured || !app.owner) return { kind: 'person', person: app.insured, sameAsInsured: true }
  return app.owner.type === 'individual'
    ? { kind: 'person', person: app.owner.person, sameAsInsured: false }
    : { kind: 'legal', entity: app.owner.entity }
}

export function ownerName(o: OwnerView): string {
  return o.kind === 'person' ? fullName(o.person) : o.entity.name
}

export function ownerDocument(o: OwnerView): string {
  return o.kind === 'person' ? passportShort(o.person.passport) : `ИНН ${o.entity.inn}, ОГРН ${o.entity.ogrn}`
}

export function ownerAddress(o: OwnerView): string {
  return addressLine(o.kind === 'person' ? o.person.address : o.entity.address)
}

export function ownerBirthDate(o: OwnerView): string {
  return o.kind === 'person' ? formatDateRu(o.person.birthDate) : DASH
}

export function driversOf(app: Application): Driver[] {
  return app.drivers.mode === 'list' ? app.drivers.list : []
}

/** A file name that any file system accepts: no path separators or reserved characters. */
export function safeFileName(name: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? ' ' : c)).join('')
  return printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim()
}

/** `Смирнов А. В.` — how a signature line names the person. */
export function surnameInitials(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, `${p.name[0]}.`, p.patronymic ? `${p.patronymic[0]}.` : null].filter(Boolean).join(' ')
}

/** `Полис ОСАГО ААК 0123456789`; the blank is assigned at issue, so a calculated policy has no number yet. */
export function policyNumber(blank: { series: string; number: string } | null): string | null {
  return blank ? `${blank.series} ${blank.number}` : null
}
