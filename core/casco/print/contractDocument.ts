import { formatNumber } from '../../../shared/format/number'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { a4Document, grid, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type DocDefinition } from '../../print/docDefinition'
import { buildInspectionReport } from '../../inspection/api'
import {
  addressLine,
  fullName,
  organisationNumbers,
  passportFull,
  registrationDocLine,
  safeFileName,
  spacedSeries,
  surnameInitials,
} from '../../print/osago/policyText'
import type { CascoPrintData } from './cascoPrintData'
import { contractTitle, franchiseText, message, ru, scheduleTable } from './cascoText'
import { formatPhone, formatPlate } from '../../../shared/format/identifiers'

/**
 * The CASCO contract (policy) on A4 with its appendices: 1 — the payment schedule, 2 — the inspection report
 * with the damage diagram and photo thumbnails, every photo full size on the pages after it. One file, so the
 * client leaves with everything the seed names (policy, schedule, inspection report) and the branch keeps the
 * same. Before issue it is a watermarked draft for the client to read.
 */
export function buildCascoContract(d: CascoPrintData): DocDefinition {
  const app = d.application
  const v = app.vehicle
  const t = d.terms
  const number = contractTitle(d)
  const owner = app.ownerIsInsured || !app.owner ? null : app.owner
  const drivers = app.drivers.mode === 'list' ? app.drivers.list : null
  const applied = d.option.programs.filter((p) => p.applied && p.kind !== 'base')

  const content: Content = [
    { text: 'ДОГОВОР СТРАХОВАНИЯ ТРАНСПОРТНОГО СРЕДСТВА', style: 'title' },
    { text: '(полис КАСКО)', style: 'subtitle' },
    { text: number, style: 'title', margin: [0, mm(2), 0, mm(1)] },
    {
      text: `${d.insurer.name}, ${d.insurer.address}, тел. ${d.insurer.phone}, ${d.insurer.website}`,
      style: 'small',
      alignment: 'center',
    },

    sectionTitle('1. Страхователь'),
    labelled([
      ['Фамилия, имя, отчество', fullName(app.insured)],
      ['Дата рождения', formatDateRu(app.insured.birthDate)],
      ['Документ, удостоверяющий личность', passportFull(app.insured.passport)],
      ['Адрес регистрации', addressLine(app.insured.address)],
      ['Телефон', formatPhone(app.insured.phone)],
    ]),

    sectionTitle('2. Собственник транспортного средства'),
    owner === null
      ? { text: 'Собственник — страхователь.' }
      : owner.type === 'individual'
        ? labelled([
            ['Фамилия, имя, отчество', fullName(owner.person)],
            ['Документ', passportFull(owner.person.passport)],
            ['Адрес', addressLine(owner.person.address)],
          ])
        : labelled([
            ['Наименование', owner.entity.fullName],
            ['Реквизиты', organisationNumbers(owner.entity)],
            ['Адрес', addressLine(owner.entity.address)],
          ]),

    sectionTitle('3. Застрахованное транспортное средство'),
    labelled([
      ['Марка, модель', d.vehicleName],
      ['Год выпуска', String(v.year)],
      ['Идентификационный номер (VIN)', v.vinMissing || !v.vin ? 'ОТСУТСТВУЕТ' : v.vin],
      ...(v.bodyNumber ? [['Номер кузова', v.bodyNumber] as [string, string]] : []),
      ['Государственный регистрационный знак', v.plate ? formatPlate(v.plate) : 'не присвоен'],
      ['Документ о регистрации', registrationDocLine(v.registrationDoc)],
      ['Пробег', `${formatNumber(d.input.vehicle.mileageKm)} км`],
      ['Действительная (рыночная) стоимость', formatRubles(d.input.vehicle.marketValueKopecks)],
      [
        'Противоугонные системы',
        d.input.vehicle.antiTheft.length
          ? d.input.vehicle.antiTheft.map((s) => ru(`casco.antiTheftSystems.${s}`)).join(', ')
          : 'не установлены',
      ],
    ]),
    t.extras.length
      ? [
          { text: 'Дополнительное оборудование:', margin: [0, mm(1), 0, mm(1)] },
          grid(
            ['№', 'Наименование', 'Стоимость'],
            t.extras.map((e, i) => [String(i + 1), e.name, formatRubles(e.valueKopecks)]),
            [mm(10), '*', mm(40)],
          ),
        ]
      : '',

    sectionTitle('4. Условия страхования'),
    labelled([
      ['Программа', ru(`casco.programNames.${t.program}`)],
      ['Страховые риски', ru(`casco.risks.${t.risks}`)],
      ['Страховая сумма', `${formatRubles(d.input.sumInsuredKopecks)} (неагрегатная)`],
      ['Франшиза', franchiseText(t.franchise)],
      ['Форма страхового возмещения', ru(`casco.settlements.${t.settlement}`)],
      ['Территория страхования', ru(`casco.territories.${t.territory}`)],
      ['Срок страхования', `с 00:00 ${formatDateRu(d.quote.startDate!)} по 23:59 ${formatDateRu(d.quote.endDate!)}`],
      ['Полная гибель', `восстановительный ремонт дороже ${formatRubles(d.option.totalLossThresholdKopecks)}`],
      ...(applied.length
        ? [['Программы и акции', applied.map((p) => ru(`casco.programNames.${p.code}`)).join('; ')] as [string, string]]
        : []),
    ]),

    sectionTitle('5. Лица, допущенные к управлению'),
    drivers === null
      ? { text: 'Без ограничения списка лиц, допущенных к управлению.' }
      : grid(
          ['№', 'Фамилия, имя, отчество', 'Дата рождения', 'Водительское удостоверение', 'Стаж с'],
          drivers.map((dr, i) => [
            String(i + 1),
            fullName(dr),
            formatDateRu(dr.birthDate),
            `${spacedSeries(dr.licence.series)} ${dr.licence.number}`,
            formatDateRu(dr.licenseSince),
          ]),
          [mm(8), '*', mm(26), mm(38), mm(24)],
        ),

    sectionTitle('6. Страховая премия'),
    grid(
      ['Риск / покрытие', 'Страховая сумма (база)', 'Премия'],
      d.option.components.map((c) => [
        ru(`casco.components.${c.code}`),
        formatRubles(c.baseKopecks),
        formatRubles(c.premiumKopecks),
      ]),
      ['*', mm(45), mm(35)],
      // The total closes the risks' table, its amount in the «Премия» column under the components it sums.
      {
        labelColumns: 2,
        rows: [
          { label: 'Страховая премия за срок страхования', value: formatRubles(d.option.premiumKopecks), bold: true },
        ],
      },
    ),
    labelled(
      [
        ['Порядок оплаты', ru(`casco.plans.${d.schedule.plan}`)],
        ['Итого к оплате', formatRubles(d.schedule.totalKopecks)],
        [
          'Первый взнос',
          d.quote.firstPayment && d.paidOn
            ? `${formatRubles(d.quote.firstPayment.amountKopecks)}, оплачен ${formatDateRu(d.paidOn)} (${d.quote.firstPayment.method === 'card' ? 'картой' : 'наличными'}, чек № ${d.quote.firstPayment.receiptNumber})`
            : `${formatRubles(d.schedule.payments[0]?.amountKopecks ?? 0)} — при заключении договора`,
        ],
        ['Сроки и суммы взносов', 'Приложение 1 (график платежей)'],
      ],
      mm(65),
    ),

    {
      // The signatures stay on one page with the last section they sign under: a page holding only the signatures
      // reads as detached from the contract. §7 is a few lines, so the two always fit on a page.
      unbreakable: true,
      stack: [
        sectionTitle('7. Особые условия'),
        specialConditions(d),
        sectionTitle('8. Подписи сторон'),
        {
          text: 'С правилами страхования ознакомлен, правила, полис, график платежей и акт осмотра получил.',
          style: 'small',
        },
        signatureLine('Страховщик (представитель)', d.representativeName),
        signatureLine('Страхователь', surnameInitials(app.insured)),
      ],
    },

    { text: 'Приложение 1. График платежей', style: 'title', pageBreak: 'before', margin: [0, 0, 0, mm(1)] },
    { text: `к договору страхования ${number}`, style: 'subtitle', margin: [0, 0, 0, mm(3)] },
    scheduleTable(d),
  ]

  if (d.inspection) {
    const report = buildInspectionReport(d.inspection)
    content.push(
      { text: 'Приложение 2', style: 'subtitle', pageBreak: 'before', alignment: 'right', margin: [0, 0, 0, mm(1)] },
      report.content,
    )
  }

  return a4Document({
    title: `Договор КАСКО ${number}`,
    content,
    footerText: `Договор КАСКО ${number} · ${fullName(app.insured)}`,
    ...(d.contractNumber ? {} : { watermark: 'ПРОЕКТ' }),
  })
}

/** §7: the approval's conditions, the inspection, who decided, the discounts given. */
function specialConditions(d: CascoPrintData): Content {
  return {
    ul: [
      ...d.approval.conditions,
      d.inspection
        ? `ТС осмотрено до заключения договора: акт осмотра № ${d.inspection.inspection.number} (приложение 2). Повреждения, указанные в акте, не возмещаются до их устранения и повторного осмотра.`
        : 'ТС не осматривалось.',
      `Договор заключён по решению руководителя ${d.approval.decidedByName} от ${formatDateRu(d.approval.decidedAt.slice(0, 10))}.`,
      ...d.option.factors.filter((f) => f.code === 'promotion' || f.code === 'discount').map((f) => message(f.reason)),
    ],
  }
}

export function cascoContractFileName(d: CascoPrintData): string {
  return (
    safeFileName(
      `Договор КАСКО ${d.contractNumber ?? 'проект'} ${d.vehicleName} ${d.application.vehicle.plate ?? ''}`.trim(),
    ) + '.pdf'
  )
}
