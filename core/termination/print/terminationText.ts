import { translate } from '../../../shared/i18n/messages'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import {
  postmarkOf,
  type ContractData,
  type Payout,
  type TerminationApplication,
} from '../../../shared/termination/application'
import { decimalPercent } from '../../../shared/termination/formula'
import type { LatePayoutBasis, LatePayoutResult } from '../../../shared/termination/latePenalty'
import { latePayoutSegmentLines } from '../../../shared/termination/latePayoutLines'
import { todayIn } from '../../../shared/dates/calendarDate'
import { unconfirmedYears, type CalendarStatus } from '../../../shared/reference/productionCalendarStatus'
import { safeFileName } from '../../print/osago/policyText'

/** Texts the termination documents share. Russian always: these are legal documents, whatever the screen language. */
export const DASH = '—'
export const ru = (key: string, params: Record<string, string | number> = {}) => translate('ru', key, params)

export function contractTitle(c: ContractData): string {
  return c.product === 'osago'
    ? `договор ОСАГО (полис ${c.number})`
    : c.product === 'casco'
      ? `договор КАСКО № ${c.number}`
      : `договор добровольного страхования № ${c.number}`
}

/** The label of the premium a refund is taken from: after a change to the policy, the annual premium in force. */
export function premiumLabel(c: ContractData): string {
  return c.changed
    ? `Страховая премия (годовая, действующая после изменения договора от ${formatDateRu(c.changed.on)})`
    : 'Страховая премия'
}

/** The premium in force and, when a change re-priced the policy, the premium it was issued with. */
function premiumRows(c: ContractData): Array<[string, string]> {
  return [
    [premiumLabel(c), formatRubles(c.premiumKopecks)],
    ...(c.changed && c.changed.issuedPremiumKopecks !== c.premiumKopecks
      ? [['Страховая премия при заключении', formatRubles(c.changed.issuedPremiumKopecks)] as [string, string]]
      : []),
  ]
}

export function contractRows(c: ContractData): Array<[string, string]> {
  return [
    ['Вид страхования', ru(`termination.product.${c.product}`)],
    ['Номер договора (полиса)', c.number],
    [
      'Страхователь',
      `${c.policyholderName} (${ru(`termination.policyholderType.${c.policyholderType}`).toLowerCase()})`,
    ],
    [
      'Транспортное средство',
      [c.plate ? `госномер ${c.plate}` : null, c.vin ? `VIN ${c.vin}` : null].filter(Boolean).join(', ') || DASH,
    ],
    ['Дата заключения', formatDateRu(c.conclusionDate)],
    ['Срок страхования', `с ${formatDateRu(c.startDate)} по ${formatDateRu(c.endDate)}`],
    ...(c.periodsOfUse
      ? [
          [
            'Периоды использования',
            c.periodsOfUse.map((p) => `с ${formatDateRu(p.from)} по ${formatDateRu(p.to)}`).join('; '),
          ] as [string, string],
        ]
      : []),
    ...premiumRows(c),
    ...(c.enteredByHand
      ? [
          [
            'Источник данных',
            `внесены вручную по полису клиента${c.concludedAt ? `; место заключения: ${c.concludedAt}` : ''}`,
          ] as [string, string],
        ]
      : []),
  ]
}

export function payoutRows(p: Payout | null): Array<[string, string]> {
  if (p === null) return [['Выплата', 'не производится']]
  if (p.method === 'cash') return [['Способ выплаты', ru('termination.payout.cash')]]
  return [
    ['Способ выплаты', ru('termination.payout.transfer')],
    ['Получатель', p.recipient],
    ['Банк', p.bankName],
    ['БИК', p.bik],
    ['Корреспондентский счёт', p.correspondentAccount ?? DASH],
    ['Счёт получателя', p.account],
  ]
}

export function fileNameFor(kind: string, a: TerminationApplication): string {
  return safeFileName(`${kind} ${a.incomingNumber} — ${a.contract.policyholderName}.pdf`)
}

/** How the application reached the insurer: in person, or by post with the postmark that is its filing date. */
export function receiptText(a: TerminationApplication): string {
  const postmark = postmarkOf(a.details)
  return postmark
    ? `${ru('termination.receipt.post').toLowerCase()}, дата почтового штемпеля ${formatDateRu(postmark)} (п. 2 ст. 194 ГК РФ)`
    : ru('termination.receipt.in-person').toLowerCase()
}

/** The basis of what a late payout costs, as the documents name it. */
export function latePayoutText(b: LatePayoutBasis): string {
  return ru(`termination.latePayout.basis.${b.consequence}`, {
    rate: b.ratePerDay ? decimalPercent(b.ratePerDay).replace('.', ',') : '',
  })
}

/** The delay's periods: days, rate, and for interest the year's day count; days past the known rates flagged. */
export function latePayoutLines(l: LatePayoutResult): string[] {
  return latePayoutSegmentLines(l, 'ru').map((parts) => parts.map((p) => ru(p.key, p.params)).join(' '))
}

/**
 * The payout due date as printed: the current one (after a calendar update or the GK RF art. 193 recount, not the
 * calculation's), marked «календарь не утверждён» when its count runs through a year no decree confirms — the same
 * mark the screen shows beside it.
 */
export function payoutDueText(a: TerminationApplication, status: CalendarStatus): string | null {
  const due = a.payoutDueOn ?? a.calculation?.payoutDueDate ?? null
  if (!due) return null
  const from = a.calculation ? (a.calculation.payoutCountedFrom ?? a.calculation.applicationDate) : a.receivedOn
  const mark = unconfirmedYears(from, due, status).length > 0 ? ` (${ru('reference.calendar.status.unconfirmed')})` : ''
  return `не позднее ${formatDateRu(due)}${mark}`
}

/** Each move of the due date with why, as the screen's notice words it; a reprint so explains the date it differs in. */
export function deadlineChangeLines(a: TerminationApplication, timeZone: string): string[] {
  return a.deadlineChanges.map((c) =>
    ru(
      c.reason === 'non-working-day-rule'
        ? 'reference.calendar.status.deadlineChangedRule'
        : 'reference.calendar.status.deadlineChanged',
      {
        previous: formatDateRu(c.previous),
        current: formatDateRu(c.current),
        date: formatDateRu(todayIn(timeZone, new Date(c.at))),
      },
    ),
  )
}
