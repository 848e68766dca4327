import { formatRubles } from '../../../shared/money/format'
import { formatDateRu } from '../../../shared/print/format'
import type { OsagoChange } from '../../../shared/osagoChange/change'
import { changedPaths } from '../../../shared/osagoChange/changeDraft'
import { personFullName, partyName } from '../../../shared/party/display'
import { formatExactRubles } from '../../../shared/termination/formula'
import { a4Document, grid, labelled, sectionTitle, signatureLine } from '../../print/a4'
import { mm, type Content, type DocDefinition } from '../../print/docDefinition'
import { DASH, PATH_LABELS, pathText } from './changeText'

/** What the addendum prints: the change, the policy's number and insurer, who made it. */
export interface AddendumData {
  change: OsagoChange
  policyNumber: string
  insurerName: string
  /** The rules the kind was read from, as their source names them (printed, so the paper says why). */
  kindSource: string
  kindTitle: string
  clerkName: string | null
}

const KIND_TITLE_FALLBACK = 'Изменение договора'

/**
 * The change to an OSAGO contract on paper (docs/domain/osago-changes.md#paper): for a kind the rules print as an
 * addendum, the addendum itself; for a re-issue, the calculation handed over with the policy on its new blank. The
 * premium formula is written out with every number, the amount rounded once. No record ids on paper.
 */
export function buildAddendum(d: AddendumData): DocDefinition {
  const c = d.change
  const reissue = c.print === 'reissue'
  const title = reissue
    ? `Расчёт изменения договора ОСАГО ${d.policyNumber}`
    : `Дополнение к полису ОСАГО ${d.policyNumber}`
  const paths = changedPaths(c.before, c.after, c.paths)
  const rows: Array<[string, string]> = [
    ['Страховщик', d.insurerName],
    ['Полис', d.policyNumber],
    ['Страхователь', partyName(c.after.insured) || DASH],
    ['Вид изменения', d.kindTitle || KIND_TITLE_FALLBACK],
    ['Изменение действует с', formatDateRu(c.effectiveDate)],
    ['Оформление', reissue ? 'Переоформление полиса на новом бланке' : 'Дополнение к полису'],
    ...(c.newBlank ? [['Новый бланк', `${c.newBlank.series} ${c.newBlank.number}`] as [string, string]] : []),
  ]
  const changes: Content = paths.length
    ? grid(
        ['Сведения', 'Было', 'Стало'],
        paths.map((p) => [PATH_LABELS[p], pathText(c.before, p), pathText(c.after, p)]),
        [mm(50), '*', '*'],
      )
    : { text: 'Сведения не изменились.', margin: [0, mm(1), 0, 0] }
  const k = c.calculation
  const premium: Content[] = []
  if (k) {
    const exact = { num: k.exact.split('/')[0]!, den: k.exact.split('/')[1]! }
    premium.push(
      labelled([
        ['Годовая премия до изменения', formatRubles(k.currentPremiumKopecks)],
        [
          'Годовая премия после изменения',
          `${formatRubles(k.newPremiumKopecks)}${k.ceilingApplied ? ' (предельный размер, ст. 9 п. 2 40-ФЗ)' : ''}`,
        ],
        ['Тариф на дату заключения', k.tariffVersion || 'премия не пересчитывается'],
        ['Дней до окончания срока / в сроке', `${k.remainingDays} / ${k.termDays}`],
        [
          'Расчёт',
          `(${formatRubles(k.newPremiumKopecks)} − ${formatRubles(k.currentPremiumKopecks)}) × ${k.remainingDays} / ${k.termDays} = ${formatExactRubles(exact, 'ru')}`,
        ],
      ]),
      {
        text:
          k.direction === 'additional'
            ? `Дополнительная премия к оплате: ${formatRubles(k.amountKopecks)}`
            : k.direction === 'refund'
              ? `К возврату страхователю: ${formatRubles(-k.amountKopecks)}`
              : k.noRefundByRule
                ? 'Премия уменьшилась; по правилам возврат при этом изменении не производится.'
                : 'Доплата и возврат не требуются.',
        bold: true,
        fontSize: 11,
        margin: [0, mm(2), 0, 0],
      },
    )
  }
  if (c.settlement?.payment) {
    premium.push({
      text: `Оплачено: ${formatRubles(c.settlement.payment.amountKopecks)}, ${c.settlement.payment.method === 'card' ? 'картой' : 'наличными'}, чек № ${c.settlement.payment.receiptNumber}`,
      margin: [0, mm(1), 0, 0],
    })
  }
  const payout = c.settlement?.payout
  if (c.settlement?.kind === 'refund-due' && c.settlement.amountKopecks > 0) {
    premium.push({
      text: payout
        ? `Возврат выплачен ${formatDateRu(payout.paidOn)}: ${formatRubles(c.settlement.amountKopecks)}, ${PAYOUT_METHOD_RU[payout.method]}, ${payout.method === 'bank' ? 'платёжное поручение' : payout.method === 'card' ? 'чек' : 'расходный кассовый ордер'} № ${payout.document}`
        : `Возврат ${formatRubles(c.settlement.amountKopecks)} ещё не выплачен.`,
      margin: [0, mm(1), 0, 0],
    })
  }
  const insured = c.after.insured
  const content: Content = [
    { text: title, style: 'title' },
    labelled(rows),
    sectionTitle('Изменяемые сведения'),
    changes,
    ...(premium.length ? [sectionTitle('Страховая премия'), ...premium] : []),
    { text: `Основание: ${d.kindSource}`, fontSize: 8, color: '#555555', margin: [0, mm(3), 0, 0] },
    signatureLine('Страхователь', insured.kind === 'person' ? personFullName(insured) : partyName(insured)),
    signatureLine('Представитель страховщика', d.clerkName),
  ]
  return a4Document({
    title,
    content,
    footerText: `${title} · ${c.appliedAt ? formatDateRu(c.appliedAt.slice(0, 10)) : 'не применено'}`,
    ...(c.status === 'applied' ? {} : { watermark: 'ПРОЕКТ' }),
  })
}

const PAYOUT_METHOD_RU = { cash: 'наличными в кассе', card: 'на карту', bank: 'банковским переводом' } as const

export function addendumFileName(d: AddendumData): string {
  return `Изменение ОСАГО ${d.policyNumber.replace(/\s+/g, '_')}.pdf`
}
