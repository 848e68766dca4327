import { translate } from '../../../shared/i18n/messages'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import type { ContractData, Payout, TerminationApplication } from '../../../shared/termination/application'
import { safeFileName } from '../osago/policyText'

/** Texts the termination documents share. Russian always: these are legal documents, whatever the screen language. */
export const DASH = '—'
export const ru = (key: string, params: Record<string, string | number> = {}) => translate('ru', key, params)

export function contractTitle(c: ContractData): string {
  return c.product === 'osago' ? `договор ОСАГО (полис ${c.number})` : c.product === 'casco' ? `договор КАСКО № ${c.number}`
    : `договор добровольного страхования № ${c.number}`
}

export function contractRows(c: ContractData): Array<[string, string]> {
  return [
    ['Вид страхования', ru(`termination.product.${c.product}`)],
    ['Номер договора (полиса)', c.number],
    ['Страхователь', `${c.policyholderName} (${ru(`termination.policyholderType.${c.policyholderType}`).toLowerCase()})`],
    ['Транспортное средство', [c.plate ? `госномер ${c.plate}` : null, c.vin ? `VIN ${c.vin}` : null].filter(Boolean).join(', ') || DASH],
    ['Дата заключения', formatDateRu(c.conclusionDate)],
    ['Срок страхования', `с ${formatDateRu(c.startDate)} по ${formatDateRu(c.endDate)}`],
    ...(c.periodsOfUse ? [['Периоды использования', c.periodsOfUse.map((p) => `с ${formatDateRu(p.from)} по ${formatDateRu(p.to)}`).join('; ')] as [string, string]] : []),
    ['Страховая премия', formatRubles(c.premiumKopecks)],
    ...(c.enteredByHand ? [['Источник данных', `внесены вручную по полису клиента${c.concludedAt ? `; место заключения: ${c.concludedAt}` : ''}`] as [string, string]] : []),
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
