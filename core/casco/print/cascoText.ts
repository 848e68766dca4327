import type { CascoOption } from '../../../shared/casco/quoteInput'
import type { MessageRef } from '../../../shared/casco/quoteTypes'
import { translate } from '../../../shared/i18n/messages'
import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import { grid } from '../../print/a4'
import { mm, type ContentNode } from '../../print/docDefinition'
import type { CascoPrintData } from './cascoPrintData'

/**
 * How the CASCO documents say things: in Russian whatever the screen language, with the same names the screens
 * use (the engine's message files), so the contract reads like the quote the client was shown.
 */
export const ru = (key: string, params: Record<string, string | number> = {}) => translate('ru', key, params)
export const message = (m: MessageRef) => ru(m.key, m.params)

export function franchiseText(f: CascoOption['franchise']): string {
  if (f.type === 'none') return ru('casco.franchiseTypes.none')
  const size = f.mode === 'amount' ? formatRubles(f.value) : `${String(f.value).replace('.', ',')} % страховой суммы`
  return `${ru(`casco.franchiseTypes.${f.type}`)}: ${size}`
}

export function contractTitle(d: CascoPrintData): string {
  return d.contractNumber ? `№ ${d.contractNumber} от ${formatDateRu(d.concludedOn)}` : 'ПРОЕКТ'
}

/** The payment schedule as a table: number, due date, amount, and the first instalment marked paid. */
export function scheduleTable(d: CascoPrintData): ContentNode {
  const { schedule } = d
  const paid = d.quote.firstPayment
  const rows = schedule.payments.map((p, i) => [
    String(i + 1),
    formatDateRu(p.dueDate),
    formatRubles(p.amountKopecks),
    i === 0 && paid && d.paidOn ? `оплачен ${formatDateRu(d.paidOn)}, чек № ${paid.receiptNumber}` : '',
  ])
  rows.push(['', 'Итого', formatRubles(schedule.totalKopecks), ''])
  return grid(['№', 'Срок оплаты', 'Сумма взноса', 'Отметка об оплате'], rows, [mm(10), mm(40), mm(40), '*'])
}
