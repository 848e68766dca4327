import { formatDateRu } from '../../../shared/print/format'
import type { OsagoDraft } from '../../../shared/osago/draft'
import type { ChangePath } from '../../../shared/osagoChange/changeRules'
import { personFullName } from '../../../shared/party/display'
import type { AddressDraft } from '../../../shared/party/draft'

export const DASH = '—'

const REG_DOC: Record<string, string> = { pts: 'ПТС', epts: 'ЭПТС', sts: 'СТС' }

/** Names of the changed parts as the addendum prints them. */
export const PATH_LABELS: Record<ChangePath, string> = {
  drivers: 'Лица, допущенные к управлению',
  'insured.passport': 'Паспорт страхователя',
  'insured.address': 'Адрес страхователя',
  'owner.person.passport': 'Паспорт собственника',
  'owner.person.address': 'Адрес собственника',
  'owner.entity.address': 'Адрес собственника',
  'vehicle.plate': 'Государственный регистрационный знак',
  'vehicle.registrationDoc': 'Документ о регистрации ТС',
  'contract.periodsOfUse': 'Периоды использования ТС',
}

function address(a: AddressDraft | undefined): string {
  if (!a) return DASH
  return [a.region, a.city, a.street, a.house && `д. ${a.house}`, a.flat && `кв. ${a.flat}`].filter(Boolean).join(', ')
}

function passport(p: { series: string; number: string; issueDate: string } | undefined): string {
  if (!p) return DASH
  const date = p.issueDate ? `, выдан ${formatDateRu(p.issueDate)}` : ''
  return `${p.series} ${p.number}${date}`.trim()
}

/** One changed part of the draft as a line of text (Russian, dates ДД.ММ.ГГГГ). */
export function pathText(d: OsagoDraft, path: ChangePath): string {
  const owner = d.ownerIsInsured ? null : d.owner
  switch (path) {
    case 'drivers':
      return d.drivers.mode === 'unlimited'
        ? 'Без ограничений'
        : d.drivers.list
            .map((x) => `${personFullName(x)}, ВУ ${x.licence.series} ${x.licence.number}`.trim())
            .join('\n')
    case 'insured.passport':
      return d.insured.kind === 'person' ? passport(d.insured.passport) : DASH
    case 'insured.address':
      return address(d.insured.address)
    case 'owner.person.passport':
      return owner?.type === 'individual' ? passport(owner.person.passport) : DASH
    case 'owner.person.address':
      return owner?.type === 'individual' ? address(owner.person.address) : DASH
    case 'owner.entity.address':
      return owner?.type === 'legal' ? address(owner.entity.address) : DASH
    case 'vehicle.plate':
      return d.vehicle.plate || DASH
    case 'vehicle.registrationDoc': {
      const r = d.vehicle.registrationDoc
      return `${REG_DOC[r.type] ?? r.type} ${r.series} ${r.number}${r.date ? ` от ${formatDateRu(r.date)}` : ''}`
    }
    case 'contract.periodsOfUse':
      return d.contract.periodsOfUse.length === 0
        ? 'Весь срок страхования'
        : d.contract.periodsOfUse.map((p) => `с ${formatDateRu(p.from)} по ${formatDateRu(p.to)}`).join('\n')
  }
}
