import { coefficientCodes, storedCeiling, type BreakdownItem } from '../../../shared/osago/calculator'
import { formatNumber } from '../../../shared/format/number'
import { translate } from '../../../shared/i18n/messages'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { a4Document, grid, labelled, sectionTitle, signatureLine } from '../a4'
import { mm, type Content, type ContentNode, type DocDefinition } from '../docDefinition'
import type { OsagoPrintData } from './osagoPrintData'
import {
  DASH,
  addressLine,
  driversOf,
  fullName,
  gender,
  licenceNumber,
  organisationRows,
  ownerName,
  ownerOf,
  partyView,
  passportFull,
  policyNumber,
  powerText,
  registrationDocLine,
  safeFileName,
  signatoryName,
  vinText,
  yesNo,
  type PartyView,
} from './policyText'
import { formatPhone, formatPlate } from '../../../shared/format/identifiers'

/**
 * The application (заявление) the client signs, in the sections of the form (docs/domain/osago-rules-of-sale.md#b2),
 * with the premium calculation attached: every coefficient, the tariff row it came from, the tariff version and a
 * warning for each value not yet confirmed. Russian always: it is a legal document, whatever the screen language.
 */
type Person = Extract<PartyView, { kind: 'person' }>['person']

function personRows(p: Person): Array<[string, string]> {
  return [
    ['Фамилия, имя, отчество', fullName(p)],
    ['Пол', gender(p.gender)],
    ['Дата рождения', formatDateRu(p.birthDate)],
    ['Документ, удостоверяющий личность', passportFull(p.passport)],
    ['Адрес места жительства', addressLine(p.address)],
    ['Телефон', formatPhone(p.phone)],
    ['Электронная почта', p.email ?? DASH],
  ]
}

/** A citizen's rows, or an organisation's: name, INN, KPP, OGRN (OGRNIP), address, contacts. */
function partyRows(p: PartyView): Array<[string, string]> {
  return p.kind === 'person' ? personRows(p.person) : organisationRows(p.entity)
}

const decimal = (n: number) => String(n).replace('.', ',')

/** TB is a rate in roubles; every other factor is a plain coefficient. */
function factorValue(b: BreakdownItem): string {
  return b.code === 'tb' ? formatRubles(Math.round(b.value * 100)) : decimal(b.value)
}

export function calculationTable(d: OsagoPrintData): ContentNode {
  const byCode = new Map(d.calculation.breakdown.map((b) => [b.code, b]))
  const rows = coefficientCodes.map((code) => {
    const b = byCode.get(code)
    if (!b) return [translate('ru', `osago.coefficients.${code}`), DASH, DASH, DASH]
    return [
      translate('ru', `osago.coefficients.${code}`),
      factorValue(b),
      translate('ru', b.label.key, b.label.params),
      b.verified ? 'да' : 'нет',
    ]
  })
  // The premium lines close the same table, so their amounts stand in the «Значение» column.
  const premium = premiumRows(d)
  return grid(
    ['Коэффициент', 'Значение', 'Основание (строка тарифа)', 'Подтверждено'],
    rows,
    [mm(50), mm(20), '*', mm(23)],
    {
      labelColumns: 1,
      rows: premium.map(([label, value], i) => ({ label, value, bold: i === premium.length - 1 })),
    },
  )
}

/**
 * The calculation's warnings on paper: which values are not yet confirmed, said once. The table marks each row;
 * the sources behind the marks are technical notes for HQ and stay in the app.
 */
export function unverifiedNote(d: OsagoPrintData): string | null {
  if (d.calculation.warnings.length === 0) return null
  const names = d.calculation.warnings.map((w) => translate('ru', `osago.coefficientCodes.${w.code}`))
  return (
    `Внимание: не подтверждены значения ${[...new Set(names)].join(', ')} (тариф ${d.calculation.tariffVersion}). ` +
    'Расчёт предварительный до обновления справочников из головного офиса.'
  )
}

/**
 * The premium as charged, after the product of the coefficients and the ceiling of 40-FZ art. 9 p. 2, so the
 * client signs for the capped amount and sees why it is less than the product. A calculation stored before the
 * ceiling existed has only its premium.
 */
export function premiumRows(d: OsagoPrintData): Array<[string, string]> {
  const premium: [string, string] = ['Страховая премия', formatRubles(d.calculation.premiumKopecks)]
  const c = storedCeiling(d.calculation)
  if (!c) return [premium]
  return [
    [translate('ru', 'osago.ceiling.product'), formatRubles(c.uncappedPremiumKopecks)],
    [
      translate('ru', 'osago.ceiling.limit'),
      `${formatRubles(c.ceilingKopecks)} = ${translate('ru', c.ceiling.label.key, c.ceiling.label.params)}`,
    ],
    premium,
  ]
}

/** "Applied" or "not exceeded", said under the premium; nothing for a calculation stored before the ceiling. */
export function ceilingNote(d: OsagoPrintData): string | null {
  const c = storedCeiling(d.calculation)
  if (!c) return null
  return c.ceilingApplied
    ? translate('ru', 'osago.ceiling.applied', { multiple: c.ceiling.multiple })
    : translate('ru', 'osago.ceiling.notApplied')
}

function formulaLine(d: OsagoPrintData): string {
  const product = 'ТБ × КТ × КБМ × КВС × КО × КМ × КС × КН × КП × КПр'
  const c = storedCeiling(d.calculation)
  const cap = c ? `, но не более ${translate('ru', c.ceiling.label.key, c.ceiling.label.params)}` : ''
  return `Тариф: указание Банка России ${d.calculation.tariffVersion}. Премия = ${product}${cap}.`
}

/**
 * 152-FZ art. 9: the consent the client signs, printed in the version in force on the conclusion date with that
 * version named, and the day it was signed once the client card records it (docs/domain/personal-data.md#consent).
 */
export function consentSection(d: OsagoPrintData, signatory: string): ContentNode[] {
  const { text, given } = d.consent
  return [
    sectionTitle(`12. ${text.title}`),
    ...text.paragraphs.map((p) => ({ text: p, margin: [0, 0, 0, mm(1)] }) as ContentNode),
    labelled([
      ['Редакция текста', given?.textVersion ?? text.textVersion],
      ['Дата согласия', given ? formatDateRu(given.givenOn) : formatDateRu(d.application.contract.conclusionDate)],
    ]),
    signatureLine('Субъект персональных данных', signatory),
  ]
}

export function buildApplication(d: OsagoPrintData): DocDefinition {
  const app = d.application
  const v = app.vehicle
  const owner = ownerOf(app)
  const drivers = driversOf(app)
  const number = policyNumber(d.policy.blank)

  const ownerBlock: Content = owner.sameAsInsured
    ? { text: 'Собственник транспортного средства является страхователем.' }
    : labelled(partyRows(owner))

  const driversBlock: Content =
    app.drivers.mode === 'unlimited'
      ? labelled([
          ['Список лиц, допущенных к управлению', 'без ограничений'],
          ['Класс КБМ собственника', app.drivers.ownerKbmClass],
        ])
      : [
          { text: 'Договор заключается в отношении только указанных лиц:', margin: [0, 0, 0, mm(1)] },
          grid(
            ['№', 'Фамилия, имя, отчество', 'Дата рождения', 'Водительское удостоверение', 'Стаж с', 'Класс КБМ'],
            drivers.map((dr, i) => [
              String(i + 1),
              fullName(dr),
              formatDateRu(dr.birthDate),
              licenceNumber(dr),
              dr.licenseYearOnly ? `${dr.licenseSince.slice(0, 4)} г.` : formatDateRu(dr.licenseSince),
              dr.kbmReason ? `${dr.kbmClass} (${dr.kbmReason})` : dr.kbmClass,
            ]),
            [mm(7), '*', mm(21), mm(30), mm(19), mm(20)],
          ),
        ]

  const unverified = unverifiedNote(d)
  const ceiling = ceilingNote(d)

  const content: Content = [
    { text: `В ${d.insurer.name}`, alignment: 'right', margin: [0, 0, 0, mm(3)] },
    { text: 'ЗАЯВЛЕНИЕ', style: 'title' },
    {
      text: 'о заключении договора обязательного страхования гражданской ответственности владельцев транспортных средств',
      style: 'subtitle',
    },
    ...(number
      ? [
          {
            text: `Полис серия ${d.policy.blank!.series} № ${d.policy.blank!.number}`,
            style: 'subtitle',
            margin: [0, mm(1), 0, 0],
          } as ContentNode,
        ]
      : []),

    sectionTitle('1. Страховщик'),
    labelled([
      ['Наименование', d.insurer.name],
      ['Адрес', d.insurer.address],
      ['Телефон', d.insurer.phone],
      ['Сайт', d.insurer.website],
    ]),

    sectionTitle('2. Страхователь'),
    labelled(partyRows(partyView(app.insured))),

    sectionTitle('3. Собственник транспортного средства'),
    ownerBlock,

    sectionTitle('4. Транспортное средство'),
    labelled([
      ['Марка, модель', d.vehicleName],
      ['Категория', v.category],
      ['Год выпуска', String(v.year)],
      ['Идентификационный номер (VIN)', vinText(v)],
      ['Номер кузова', v.bodyNumber ?? DASH],
      ['Номер шасси (рамы)', v.chassisNumber ?? DASH],
      ['Мощность двигателя', powerText(v, d.calculation)],
      ['Разрешённая максимальная масса', v.maxMassKg ? `${formatNumber(v.maxMassKg)} кг` : DASH],
      ['Количество пассажирских мест', v.seats ? String(v.seats) : DASH],
      ['Расположение руля', v.steering === 'left' ? 'левое' : 'правое'],
      ['Государственный регистрационный знак', v.plate ? formatPlate(v.plate) : DASH],
      ['Документ о регистрации', registrationDocLine(v.registrationDoc)],
    ]),

    sectionTitle('5. Диагностическая карта'),
    labelled([
      ['Номер', v.diagnosticCard?.number ?? DASH],
      // An application validated before the issue date was asked has none.
      ['Дата выдачи', v.diagnosticCard?.issueDate ? formatDateRu(v.diagnosticCard.issueDate) : DASH],
      ['Действительна до', v.diagnosticCard ? formatDateRu(v.diagnosticCard.validUntil) : DASH],
    ]),

    sectionTitle('6. Цель использования'),
    labelled([
      ['Цель использования', d.purposeName],
      ['Используется с прицепом', yesNo(v.usedWithTrailer)],
    ]),

    sectionTitle('7. Срок страхования'),
    labelled([
      ['Дата заключения договора', formatDateRu(app.contract.conclusionDate)],
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

    sectionTitle('8. Лица, допущенные к управлению'),
    driversBlock,

    sectionTitle('9. Грубые нарушения условий страхования'),
    labelled([['Грубые нарушения в предыдущий период', yesNo(app.grossViolations)]]),

    sectionTitle('10. Расчёт страховой премии'),
    {
      stack: [{ text: formulaLine(d), margin: [0, 0, 0, mm(1)] }, calculationTable(d)],
    },
    ...(ceiling ? [{ text: ceiling, margin: [0, mm(1), 0, 0] } as ContentNode] : []),
    ...(unverified ? [{ text: unverified, margin: [0, mm(1.5), 0, 0], color: '#8a4b00' } as ContentNode] : []),

    sectionTitle('11. Подтверждение'),
    {
      text: 'Сведения, указанные в заявлении, достоверны. С правилами обязательного страхования и расчётом страховой премии ознакомлен(а).',
    },
    labelled([['Дата', formatDateRu(app.contract.conclusionDate)]]),
    signatureLine('Страхователь', signatoryName(app.insured)),
    signatureLine('Представитель страховщика', d.representativeName),
    ...consentSection(d, signatoryName(app.insured)),
  ]

  return a4Document({
    title: `Заявление ОСАГО — ${signatoryName(app.insured)}`,
    content,
    footerText: `Заявление о заключении договора ОСАГО · ${ownerName(partyView(app.insured))}${number ? ` · полис ${number}` : ''}`,
  })
}

export function applicationFileName(d: OsagoPrintData): string {
  return safeFileName(
    `Заявление ОСАГО — ${signatoryName(d.application.insured)} — ${formatDateRu(d.application.contract.conclusionDate)}.pdf`,
  )
}
