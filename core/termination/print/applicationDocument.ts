import { formatDateRu } from '../../../shared/print/format'
import { postmarkOf, type TerminationApplication } from '../../../shared/termination/application'
import { a4Document, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type ContentNode, type DocDefinition } from '../../print/docDefinition'
import type { TerminationPrintData } from './terminationPrintData'
import {
  DASH,
  contractRows,
  contractTitle,
  deadlineChangeLines,
  fileNameFor,
  latePayoutText,
  payoutDueText,
  payoutRows,
  receiptText,
  ru,
} from './terminationText'
import { formatPhone } from '../../../shared/format/identifiers'

/**
 * The application in two copies (seed 004: "the application itself must be drawn up in two copies, one of which
 * you will keep"): the insurer's and the applicant's, each on its own page with the incoming number and the date
 * and time of receipt, so the client's copy proves when the insurer received it.
 */
const COPIES = ['Экземпляр страховщика', 'Экземпляр заявителя'] as const

function subtitle(a: TerminationApplication): string {
  const d = a.details
  switch (d.kind) {
    case 'osago-early-termination':
      return 'о досрочном прекращении договора обязательного страхования гражданской ответственности владельцев транспортных средств'
    case 'cooling-off':
      return 'об отказе от договора добровольного страхования в течение «периода охлаждения»'
    case 'casco-loss':
      return 'о прекращении договора КАСКО в связи с гибелью (утратой) транспортного средства'
    case 'casco-refusal':
      return 'об отказе от договора КАСКО'
    case 'casco-sale':
      return d.cascoChoice === 'reissue'
        ? 'о переоформлении договора КАСКО на нового собственника транспортного средства'
        : 'о прекращении договора КАСКО в связи с продажей транспортного средства'
  }
}

/** What the event date is on each ground that reports one. */
const EVENT_LABEL: Record<string, string> = {
  death: 'Дата смерти',
  'vehicle-loss': 'Дата гибели (утраты) транспортного средства',
  'policyholder-liquidation': 'Дата ликвидации (запись в ЕГРЮЛ)',
  'insurer-false-information': 'Дата получения уведомления страховщика',
  'casco-loss': 'Дата гибели (утраты) транспортного средства',
}

function request(a: TerminationApplication): string[] {
  const d = a.details
  const c = a.contract
  const title = contractTitle(c)
  const event = d.eventDate
    ? ` ${EVENT_LABEL[d.ground ?? d.kind] ?? 'Дата события'}: ${formatDateRu(d.eventDate)}.`
    : ''
  switch (d.kind) {
    case 'osago-early-termination':
      if (d.ground === 'insurer-false-information') {
        return [
          `${title[0]!.toUpperCase()}${title.slice(1)}, срок страхования с ${formatDateRu(c.startDate)} по ${formatDateRu(c.endDate)}, досрочно прекращён страховщиком: страхователь сообщил ложные или неполные сведения.${event}`,
        ]
      }
      return [
        `Прошу досрочно прекратить ${title}, срок страхования с ${formatDateRu(c.startDate)} по ${formatDateRu(c.endDate)}, и вернуть часть страховой премии за неистекший срок страхования.`,
        `Основание: ${ru(`termination.ground.${d.ground}`).toLowerCase()}.${event}`,
      ]
    case 'cooling-off':
      return [
        `Отказываюсь от ${title.replace(/^договор/, 'договора')} от ${formatDateRu(c.conclusionDate)} в течение «периода охлаждения» (Указание Банка России № 3854-У) и прошу вернуть уплаченную страховую премию.`,
        ...(d.requestedTerminationDate
          ? [`Прошу считать договор прекращённым с ${formatDateRu(d.requestedTerminationDate)}.`]
          : []),
        d.insuredEventOccurred ? 'По договору был страховой случай.' : 'Страховых случаев по договору не было.',
      ]
    case 'casco-loss':
      return [
        `В связи с гибелью (утратой) транспортного средства не в результате страхового случая прошу прекратить ${title} и вернуть часть страховой премии за неистекший срок страхования (п. 1 и 3 ст. 958 ГК РФ).${event}`,
      ]
    case 'casco-refusal':
      return [
        `Отказываюсь от ${title.replace(/^договор/, 'договора')} от ${formatDateRu(c.conclusionDate)} (п. 2 ст. 958 ГК РФ). Страховая премия возвращается, если это предусмотрено договором или правилами страхования (п. 3 ст. 958 ГК РФ).`,
      ]
    case 'casco-sale':
      return d.cascoChoice === 'reissue'
        ? [`В связи с продажей транспортного средства прошу переоформить ${title} на нового собственника.`]
        : [
            `В связи с продажей транспортного средства прошу прекратить ${title} и вернуть часть страховой премии за неистекший срок страхования (п. 1 ст. 958 ГК РФ).`,
          ]
  }
}

function receiptMark(d: TerminationPrintData): ContentNode {
  const a = d.application
  return {
    table: {
      widths: [mm(62)],
      body: [
        [
          {
            stack: [
              { text: 'Отметка о приёме', style: 'label' },
              { text: `Вх. № ${a.incomingNumber}`, bold: true, fontSize: 10 },
              { text: `от ${d.receivedAtText}` },
              { text: `принял: ${a.receivedBy?.fullName ?? DASH}`, style: 'small' },
              ...(postmarkOf(a.details)
                ? [
                    {
                      text: `по почте, штемпель ${formatDateRu(postmarkOf(a.details)!)}`,
                      style: 'small',
                    } as ContentNode,
                  ]
                : []),
            ],
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 1,
      vLineWidth: () => 1,
      hLineColor: () => '#1a237e',
      vLineColor: () => '#1a237e',
      paddingLeft: () => 5,
      paddingRight: () => 5,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  }
}

function copy(d: TerminationPrintData, label: string, first: boolean): Content {
  const a = d.application
  const ap = a.details.applicant
  const rep = a.details.representative
  const ticked = new Set(a.documents)
  return [
    {
      columns: [
        {
          stack: [{ text: label, bold: true, style: 'label', margin: [0, 0, 0, mm(1)] }, receiptMark(d)],
          width: mm(70),
        },
        {
          stack: [
            { text: `В ${d.insurer.name}` },
            { text: d.insurer.address, style: 'small' },
            { text: `Заявитель: ${ap.fullName}`, margin: [0, mm(2), 0, 0] },
            { text: `паспорт ${ap.passport.series} ${ap.passport.number}`, style: 'small' },
            { text: `телефон ${formatPhone(ap.phone)}`, style: 'small' },
            ...(ap.address ? [{ text: `адрес: ${ap.address}`, style: 'small' }] : []),
          ],
          width: '*',
        },
      ],
      columnGap: mm(8),
      // Each copy starts its own page; a break before (not after) never leaves a blank page behind a full copy.
      ...(first ? {} : { pageBreak: 'before' as const }),
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
      ['Телефон', formatPhone(ap.phone)],
      ['Адрес', ap.address ?? DASH],
      ...(rep
        ? ([
            ['Представитель', rep.fullName],
            [
              'Доверенность',
              `№ ${rep.powerOfAttorney.number} от ${formatDateRu(rep.powerOfAttorney.date)}, удостоверена: ${rep.powerOfAttorney.notary}`,
            ],
          ] as Array<[string, string]>)
        : ([['Подаёт', 'лично']] as Array<[string, string]>)),
      ['Способ подачи', receiptText(a)],
    ]),

    sectionTitle('3. Выплата'),
    labelled([
      ...payoutRows(a.details.payout),
      ...(a.payoutDueOn ? [['Срок выплаты', payoutDueText(a, d.calendarStatus)!] as [string, string]] : []),
      ...deadlineChangeLines(a, d.timeZone).map((line): [string, string] => ['Изменение срока', line]),
      ...(d.latePayoutBasis ? [['При просрочке выплаты', latePayoutText(d.latePayoutBasis)] as [string, string]] : []),
    ]),

    sectionTitle('4. Приложения'),
    {
      stack: a.requiredDocuments.map((doc, i): ContentNode => ({
        text: [
          `${i + 1}. ${ru(`termination.document.${doc}`)}`,
          ticked.has(doc) ? { text: ' — представлен', italics: true } : '',
        ],
      })),
    },

    { text: `Дата: ${formatDateRu(a.receivedOn)}`, margin: [0, mm(4), 0, 0] },
    signatureLine(rep ? 'Представитель заявителя' : 'Заявитель', rep ? rep.fullName : ap.fullName),
    signatureLine('Заявление принял', a.receivedBy?.fullName ?? null),
  ]
}

export function buildTerminationApplication(d: TerminationPrintData): DocDefinition {
  const a = d.application
  return a4Document({
    title: `Заявление ${a.incomingNumber}`,
    content: COPIES.map((label, i) => copy(d, label, i === 0)),
    footerText: `Заявление вх. № ${a.incomingNumber} от ${d.receivedAtText} · ${ru(`termination.kind.${a.details.kind}`)}`,
  })
}

export function terminationApplicationFileName(d: TerminationPrintData): string {
  return fileNameFor('Заявление', d.application)
}
