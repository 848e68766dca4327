import type { RadarItem } from '@shared/radar/contract'

type T = (key: string, params?: Record<string, unknown>) => string
interface Fmt {
  date(v: string | null | undefined): string
  money(kopecks: number | null | undefined): string
}

const text = (v: string | number | undefined) => (v === undefined ? '' : String(v))

/** The line under an item's title: what falls due (its own rule's words), dates ДД.ММ.ГГГГ, money in roubles. */
export function detailText(t: T, fmt: Fmt, i: RadarItem): string {
  const p = i.params
  const date = fmt.date(i.date)
  switch (i.kind) {
    case 'payout':
      return p.refundKnown
        ? t('radar.detail.payout', { amount: fmt.money(Number(p.refundKopecks)), date })
        : t('radar.detail.payoutUncounted', { date })
    case 'coolingOff':
      return t('radar.detail.coolingOff', { date, conclusion: fmt.date(text(p.conclusionDate)) })
    case 'instalment':
      return t('radar.detail.instalment', { no: p.no, count: p.count, amount: fmt.money(Number(p.owedKopecks)), date })
    case 'approval':
      return t('radar.detail.approval', { date })
    case 'blanksLow':
      return t('radar.detail.blanksLow', { onHand: p.onHand, min: p.min })
    case 'diagnosticCard':
      return t('radar.detail.diagnosticCard', { date, policyEnd: fmt.date(text(p.policyEndDate)) })
    case 'renewal':
      return [
        t('radar.detail.renewal', { product: t(`radar.products.${text(p.product)}`), date }),
        p.renewalStarted ? t('radar.detail.renewalStarted') : '',
      ]
        .filter(Boolean)
        .join(', ')
  }
}

/** What missing the date costs or has cost, when the rule names it. */
export function consequenceText(t: T, fmt: Fmt, i: RadarItem): string | null {
  const c = i.consequence
  if (!c) return null
  const p: Record<string, string | number> = { ...c.params }
  if (typeof p.amountKopecks === 'number') p.amount = fmt.money(p.amountKopecks)
  for (const k of ['since', 'endsOn', 'on']) if (typeof p[k] === 'string' && p[k]) p[k] = fmt.date(p[k] as string)
  return t(`radar.consequence.${c.key}`, p)
}

/** «сегодня», «через 5 дн.», «3 дн. назад» for a deadline; a wait shows only its start in the line. */
export function whenText(t: T, i: RadarItem): string | null {
  if (i.dateRole === 'since') return null
  if (i.daysLeft === 0) return t('radar.when.today')
  return i.daysLeft > 0 ? t('radar.when.in', { days: i.daysLeft }) : t('radar.when.ago', { days: -i.daysLeft })
}

export const URGENCY_COLORS = { overdue: 'error', today: 'warning', week: 'info', later: undefined } as const
