import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { formatExactRubles, refundFormulaLines } from '../../../shared/termination/formula'
import { a4Document, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type ContentNode, type DocDefinition } from '../../print/docDefinition'
import type { TerminationPrintData } from './terminationPrintData'
import {
  DASH,
  contractRows,
  deadlineChangeLines,
  fileNameFor,
  latePayoutLines,
  payoutDueText,
  payoutRows,
  premiumLabel,
  receiptText,
  ru,
} from './terminationText'

/**
 * The refund calculation sheet: the formula written out with every number (the same lines the screen shows), the
 * rules version, the values not yet confirmed, the deadline, and how the refund was approved and paid.
 */
export function buildRefundSheet(d: TerminationPrintData): DocDefinition {
  const a = d.application
  const c = a.calculation!
  const lines = refundFormulaLines(c, 'ru').map((l) => ru(l.key, l.params))
  const numbers: Array<[string, string]> = [
    ['Вид заявления', ru(`termination.kind.${c.kind}`)],
    ...(c.ground ? [['Основание', ru(`termination.ground.${c.ground}`)] as [string, string]] : []),
    ...(c.eventDate ? [['Дата события', formatDateRu(c.eventDate)] as [string, string]] : []),
    ['Дата получения заявления', formatDateRu(c.applicationDate)],
    ...(c.postmarkDate ? [['Способ подачи', receiptText(a)] as [string, string]] : []),
    ...(c.requestedTerminationDate
      ? [['Дата прекращения по просьбе клиента', formatDateRu(c.requestedTerminationDate)] as [string, string]]
      : []),
    [
      'Дата прекращения договора',
      c.terminationDate && c.outcome !== 'reissue' ? formatDateRu(c.terminationDate) : DASH,
    ],
    ...(c.limitationEnd
      ? [['Срок исковой давности (ст. 196, 200 ГК РФ)', `по ${formatDateRu(c.limitationEnd)}`] as [string, string]]
      : []),
    [premiumLabel(a.contract), formatRubles(c.premiumKopecks)],
    ...(c.share ? [['Доля премии к возврату', c.share.replace('.', ',')] as [string, string]] : []),
    ...(c.daysPaid !== null ? [['Оплаченных дней', String(c.daysPaid)] as [string, string]] : []),
    ...(c.unexpiredDays !== null ? [['Неистекших дней', String(c.unexpiredDays)] as [string, string]] : []),
    ...(c.daysInForce !== null ? [['Дней действия договора', String(c.daysInForce)] as [string, string]] : []),
    ...(c.exactKopecks ? [['Сумма до округления', formatExactRubles(c.exactKopecks, 'ru')] as [string, string]] : []),
    ['Сумма к возврату', formatRubles(c.refundKopecks)],
    ['Выплатить', c.payoutDueDate ? (payoutDueText(a, d.calendarStatus) ?? DASH) : DASH],
    ...deadlineChangeLines(a, d.timeZone).map((line): [string, string] => ['Изменение срока', line]),
    ['Версия правил расчёта', c.rulesVersion],
  ]
  const outcomeText =
    c.outcome === 'reissue'
      ? 'Договор переоформляется на нового собственника; возврат не производится.'
      : c.outcome === 'terminated-no-refund'
        ? 'Договор прекращается; возврат страховой премии не производится.'
        : `Сумма к возврату: ${formatRubles(c.refundKopecks)}`
  const outcome: ContentNode = c.eligible
    ? { text: outcomeText, bold: true, fontSize: 11, margin: [0, mm(2), 0, 0] }
    : {
        text: `Возврат не положен: ${ru(c.reason ?? 'termination.formula.nothingDue')}`,
        bold: true,
        fontSize: 11,
        color: '#b71c1c',
        margin: [0, mm(2), 0, 0],
      }

  const payment: Array<[string, string]> = [
    ['Статус заявления', ru(`termination.status.${a.status}`)],
    ...(c.needsApproval
      ? [
          [
            'Согласование руководителя',
            a.approvedBy
              ? `${a.approvedBy.fullName}, ${formatDateRu(a.approvedAt!.slice(0, 10))}`
              : 'требуется, ещё не получено',
          ] as [string, string],
        ]
      : []),
    ...(a.paidOn
      ? ([
          ['Дата выплаты', formatDateRu(a.paidOn)],
          ['Платёжный документ', a.paymentDocument ?? DASH],
          [
            a.latePayout
              ? ru(`termination.latePayout.consequence.${a.latePayout.consequence}`)
              : 'Неустойка за просрочку',
            formatRubles(a.penaltyKopecks ?? 0),
          ],
          ...(a.latePayout && a.latePayout.daysLate > 0
            ? [
                [
                  'Просрочка',
                  `${a.latePayout.daysLate} дн. после ${formatDateRu(a.latePayout.dueDate)}: ${latePayoutLines(a.latePayout).join('; ')}`,
                ] as [string, string],
              ]
            : []),
          ['Выплачено всего', formatRubles(a.paidKopecks ?? 0)],
        ] as Array<[string, string]>)
      : []),
    ...(a.status === 'refused'
      ? [
          [
            'Причина отказа',
            a.refusalReason?.startsWith('termination.') ? ru(a.refusalReason) : (a.refusalReason ?? DASH),
          ] as [string, string],
        ]
      : []),
  ]
  const unverified = [
    ...new Set([
      ...c.unverifiedRules,
      ...(c.latePayout?.unverifiedRules ?? []),
      ...(a.latePayout?.unverifiedRules ?? []),
    ]),
  ].map((path) => ru(`termination.rule.${path}`))

  const content: Content = [
    { text: `В ${d.insurer.name}`, alignment: 'right', margin: [0, 0, 0, mm(3)] },
    { text: 'РАСЧЁТ СУММЫ ВОЗВРАТА СТРАХОВОЙ ПРЕМИИ', style: 'title' },
    {
      text: `к заявлению вх. № ${a.incomingNumber} от ${d.receivedAtText}`,
      style: 'subtitle',
      margin: [0, 0, 0, mm(2)],
    },
    sectionTitle('1. Договор страхования'),
    labelled(contractRows(a.contract)),
    sectionTitle('2. Исходные данные и результат'),
    labelled(numbers),
    sectionTitle('3. Формула и расчёт'),
    { stack: lines.map((text, i): ContentNode => ({ text: `${i + 1}) ${text}`, margin: [0, 0, 0, mm(0.8)] })) },
    outcome,
    ...(unverified.length > 0
      ? [
          {
            stack: [
              { text: 'Внимание: в расчёте использованы неподтверждённые значения правил', bold: true },
              { ul: unverified },
            ],
            margin: [0, mm(2), 0, 0],
            color: '#8a4b00',
          } as ContentNode,
        ]
      : []),
    sectionTitle('4. Выплата'),
    labelled([...payoutRows(a.details.payout), ...payment]),
    signatureLine('Расчёт выполнил', a.completedBy?.fullName ?? null),
    ...(c.needsApproval ? [signatureLine('Согласовал', a.approvedBy?.fullName ?? null)] : []),
  ]
  return a4Document({
    title: `Расчёт возврата ${a.incomingNumber}`,
    content,
    footerText: `Расчёт суммы возврата к заявлению вх. № ${a.incomingNumber} · правила ${c.rulesVersion}`,
  })
}

export function refundSheetFileName(d: TerminationPrintData): string {
  return fileNameFor('Расчёт возврата', d.application)
}
