import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { a4Document, grid, labelled, sectionTitle, signatureLine } from '../a4'
import { mm, type Content, type DocDefinition } from '../docDefinition'
import type { OsagoPrintData } from './osagoPrintData'
import { specialNotes } from './policyOnBlank'
import {
  DASH,
  driversOf,
  fullName,
  licenceNumber,
  ownerAddress,
  ownerBirthDate,
  ownerDocument,
  ownerName,
  ownerOf,
  partyView,
  policyNumber,
  powerText,
  registrationDocLine,
  safeFileName,
  signatoryName,
  vinText,
  yesNo,
  type PartyView,
} from './policyText'

/** A party's lines on the archive copy: the same four the blank has, labelled for a citizen or an organisation. */
function partyLines(p: PartyView): Array<[string, string]> {
  const legal = p.kind === 'legal'
  return [
    [legal ? 'Наименование' : 'Фамилия, имя, отчество', ownerName(p)],
    ['Дата рождения', ownerBirthDate(p)],
    [legal ? 'ИНН, КПП, ОГРН' : 'Документ, удостоверяющий личность', ownerDocument(p)],
    ['Адрес', ownerAddress(p)],
  ]
}

/**
 * The full policy on plain A4 for the branch's archive: every field the blank carries, with its label, plus the
 * blank's series and number, so the file copy can be read without the pink original.
 */
export function buildPolicyArchive(d: OsagoPrintData): DocDefinition {
  const app = d.application
  const v = app.vehicle
  const owner = ownerOf(app)
  const number = policyNumber(d.policy.blank) ?? DASH
  const drivers = driversOf(app)

  const content: Content = [
    { text: 'ПОЛИС', style: 'title' },
    {
      text: 'обязательного страхования гражданской ответственности владельцев транспортных средств',
      style: 'subtitle',
    },
    {
      text: `Серия ${d.policy.blank?.series ?? DASH} № ${d.policy.blank?.number ?? DASH}`,
      style: 'title',
      margin: [0, mm(2), 0, mm(1)],
    },
    {
      text: 'Архивная копия полиса, выданного на бланке строгой отчётности. Страховым полисом не является.',
      style: 'small',
      alignment: 'center',
    },

    sectionTitle('Страховщик'),
    labelled([
      ['Наименование', d.insurer.name],
      ['Адрес, телефон, сайт', `${d.insurer.address}; тел. ${d.insurer.phone}; ${d.insurer.website}`],
    ]),

    sectionTitle('Срок страхования'),
    labelled([
      ['Срок страхования', `с ${d.termStartTime} ${formatDateRu(d.startDate)} по 23:59 ${formatDateRu(d.endDate)}`],
      [
        'Периоды использования',
        app.contract.periodsOfUse.length
          ? app.contract.periodsOfUse
              .map((p, i) => `${i + 1}) с ${formatDateRu(p.from)} по ${formatDateRu(p.to)}`)
              .join('\n')
          : 'в течение всего срока страхования',
      ],
    ]),

    sectionTitle('Страхователь'),
    labelled(partyLines(partyView(app.insured))),

    sectionTitle('Собственник транспортного средства'),
    owner.sameAsInsured
      ? labelled([['Собственник', `${ownerName(owner)} — является страхователем`]])
      : labelled(partyLines(owner)),

    sectionTitle('Транспортное средство'),
    labelled([
      ['Марка, модель', d.vehicleName],
      ['Категория', v.category],
      ['Идентификационный номер (VIN)', vinText(v)],
      ['Номер кузова', v.bodyNumber ?? DASH],
      ['Номер шасси (рамы)', v.chassisNumber ?? DASH],
      ['Государственный регистрационный знак', v.plate ?? DASH],
      ['Документ о регистрации', registrationDocLine(v.registrationDoc)],
      ['Мощность двигателя', powerText(v, d.calculation)],
      ['Используется с прицепом', yesNo(v.usedWithTrailer)],
      ['Цель использования', d.purposeName],
    ]),

    sectionTitle('Лица, допущенные к управлению транспортным средством'),
    app.drivers.mode === 'unlimited'
      ? { text: 'Договор заключён в отношении неограниченного количества лиц, допущенных к управлению.' }
      : [
          { text: 'Договор заключён в отношении только указанных лиц:', margin: [0, 0, 0, mm(1)] },
          grid(
            ['№', 'Фамилия, имя, отчество', 'Водительское удостоверение (серия, номер)'],
            drivers.map((dr, i) => [String(i + 1), fullName(dr), licenceNumber(dr)]),
            [mm(8), '*', mm(60)],
          ),
        ],

    sectionTitle('Страховая премия'),
    labelled([['Страховая премия', formatRubles(d.calculation.premiumKopecks)]]),

    sectionTitle('Особые отметки'),
    { text: specialNotes(d) || DASH },

    sectionTitle('Заключение договора'),
    labelled([
      ['Дата заключения договора', formatDateRu(app.contract.conclusionDate)],
      ['Представитель страховщика', d.representativeName ?? DASH],
    ]),
    signatureLine('Страховщик (представитель)', d.representativeName),
    signatureLine('Страхователь', signatoryName(app.insured)),
  ]

  return a4Document({
    title: `Полис ОСАГО ${number} — архивная копия`,
    content,
    footerText: `Полис ОСАГО ${number} · архивная копия`,
    watermark: 'АРХИВНАЯ КОПИЯ',
  })
}

export function policyArchiveFileName(d: OsagoPrintData): string {
  return safeFileName(`Полис ОСАГО ${policyNumber(d.policy.blank) ?? d.policy.id} — архивная копия.pdf`)
}
