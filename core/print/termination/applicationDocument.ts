import { formatDateRu } from '../../../shared/print/format'
import type { TerminationApplication } from '../../../shared/termination/application'
import { a4Document, labelled, sectionTitle, signatureLine } from '../a4'
import { mm, type Content, type ContentNode, type DocDefinition } from '../docDefinition'
import type { TerminationPrintData } from './terminationPrintData'
import { DASH, contractRows, contractTitle, fileNameFor, payoutRows, ru } from './terminationText'

/**
 * The application in two copies (seed 004: "the application itself must be drawn up in two copies, one of which
 * you will keep"): the insurer's and the applicant's, each on its own page with the incoming number and the date
 * and time of receipt, so the client's copy proves when the insurer received it.
 */
const COPIES = ['Экземпляр страховщика', 'Экземпляр заявителя'] as const

function subtitle(a: TerminationApplication): string {
  const d = a.details
  if (d.kind === 'osago-early-termination') return 'о досрочном прекращении договора обязательного страхования гражданской ответственности владельцев транспортных средств'
  if (d.kind === 'cooling-off') return 'об отказе от договора добровольного страхования в течение «периода охлаждения»'
  return d.cascoChoice === 'reissue' ? 'о переоформлении договора КАСКО на нового собственника транспортного средства'
    : 'о прекращении договора КАСКО в связи с продажей транспортного средства'
}

function request(a: TerminationApplication): string[] {
  const d = a.details
  const c = a.contract
  const title = contractTitle(c)
  if (d.kind === 'osago-early-termination') {
    return [
      `Прошу досрочно прекратить ${title}, срок страхования с ${formatDateRu(c.startDate)} по ${formatDateRu(c.endDate)}, и вернуть часть страховой премии за неистекший срок страхования.`,
      `Основание: ${ru(`termination.ground.${d.ground}`).toLowerCase()}.${d.eventDate ? ` Дата события: ${formatDateRu(d.eventDate)}.` : ''}`,
    ]
  }
  if (d.kind === 'cooling-off') {
    return [
      `Отказываюсь от ${title.replace(/^договор/, 'договора')} от ${formatDateRu(c.conclusionDate)} в течение «периода охлаждения» (Указание Банка России № 3854-У) и прошу вернуть уплаченную страховую премию.`,
      d.insuredEventOccurred ? 'По договору был страховой случай.' : 'Страховых случаев по договору не было.',
    ]
  }
  return d.cascoChoice === 'reissue'
    ? [`В связи с продажей транспортного средства прошу переоформить ${title} на нового собственника.`]
    : [`В связи с продажей транспортного средства прошу прекратить ${title} и вернуть часть страховой премии за неистекший срок страхования (п. 1 ст. 958 ГК РФ).`]
}

function receiptMark(d: TerminationPrintData): ContentNode {
  const a = d.application
  return {
    table: {
      widths: [mm(62)],
      body: [[{
        stack: [
          { text: 'Отметка о приёме', style: 'label' },
          { text: `Вх. № ${a.incomingNumber}`, bold: true, fontSize: 10 },
          { text: `от ${d.receivedAtText}` },
          { text: `принял: ${a.receivedBy?.fullName ?? DASH}`, style: 'small' },
        ],
      }]],
    },
    layout: { hLineWidth: () => 1, vLineWidth: () => 1, hLineColor: () => '#1a237e', vLineColor: () => '#1a237e', paddingLeft: () => 5,
      paddingRight: () => 5, paddingTop: () => 3, paddingBottom: () => 3 },
  }
}

function copy(d: TerminationPrintData, label: string, last: boolean): Content {
  const a = d.application
  const ap = a.details.applicant
  const rep = a.details.representative
  const ticked = new Set(a.documents)
  return [
    {
      columns: [
        { stack: [{ text: label, bold: true, style: 'label', margin: [0, 0, 0, mm(1)] }, receiptMark(d)], width: mm(70) },
        {
          stack: [
            { text: `В ${d.insurer.name}` },
            { text: d.insurer.address, style: 'small' },
            { text: `Заявитель: ${ap.fullName}`, margin: [0, mm(2), 0, 0] },
            { text: `паспорт ${ap.passport.series} ${ap.passport.number}`, style: 'small' },
            { text: `телефон ${ap.phone}`, style: 'small' },
            ...(ap.address ? [{ text: `адрес: ${ap.address}`, style: 'small' }] : []),
          ],
          width: '*',
        },
      ],
      columnGap: mm(8),
    },
    { text: 'ЗАЯВЛЕНИЕ', style: 'title', margin: [0, mm(5), 0, mm(1)] },
    { text: subtitle(a), style: 'subtitle', margin: [0, 0, 0, mm(3)] },
    ...request(a).map((p): ContentNode => ({ text: p, margin: [0, 0, 0, mm(1.5)], alignment: 'justify' })),

    sectionTitle('1. Договор страхования'),
    labelled(contractRows(a.contract)),

    sectionTitle('2. Заявитель'),
    labelled([
      ['Фамилия, имя, отчество', ap.fullName],
      ['Паспорт', `${ap.passport.series} ${ap.passport.number}`],
      ['Телефон', ap.phone],
      ['Адрес', ap.address ?? DASH],
      ...(rep ? [
        ['Представитель', rep.fullName],
        ['Доверенность', `№ ${rep.powerOfAttorney.number} от ${formatDateRu(rep.powerOfAttorney.date)}, удостоверена: ${rep.powerOfAttorney.notary}`],
      ] as Array<[string, string]> : [['Подаёт', 'лично']] as Array<[string, string]>),
    ]),

    sectionTitle('3. Выплата'),
    labelled(payoutRows(a.details.payout)),

    sectionTitle('4. Приложения'),
    {
      stack: a.requiredDocuments.map((doc, i): ContentNode => ({
        text: [`${i + 1}. ${ru(`termination.document.${doc}`)}`, ticked.has(doc) ? { text: ' — представлен', italics: true } : ''],
      })),
    },

    { text: `Дата: ${formatDateRu(a.receivedOn)}`, margin: [0, mm(4), 0, 0] },
    signatureLine(rep ? 'Представитель заявителя' : 'Заявитель', rep ? rep.fullName : ap.fullName),
    signatureLine('Заявление принял', a.receivedBy?.fullName ?? null),
    ...(last ? [] : [{ text: '', pageBreak: 'after' } as ContentNode]),
  ]
}

export function buildTerminationApplication(d: TerminationPrintData): DocDefinition {
  const a = d.application
  return a4Document({
    title: `Заявление ${a.incomingNumber}`,
    content: COPIES.map((label, i) => copy(d, label, i === COPIES.length - 1)),
    footerText: `Заявление вх. № ${a.incomingNumber} от ${d.receivedAtText} · ${ru(`termination.kind.${a.details.kind}`)}`,
  })
}

export function terminationApplicationFileName(d: TerminationPrintData): string {
  return fileNameFor('Заявление', d.application)
}
