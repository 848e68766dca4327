import { describe, expect, it } from 'vitest'
import type { RadarItem } from '@shared/radar/contract'
import ru from '@shared/i18n/ru/radar'
import { consequenceText, detailText, whenText } from './radarText'

/** The radar's lines in Russian from the locale file itself, dates ДД.ММ.ГГГГ, money as the screens show it. */
function t(key: string, params: Record<string, unknown> = {}): string {
  let node: unknown = ru
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part]
  if (typeof node !== 'string') throw new Error(`no message ${key}`)
  return node.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]))
}
const fmt = {
  date: (v: string | null | undefined) => (v ? v.split('-').reverse().join('.') : '—'),
  money: (k: number | null | undefined) => `${((k ?? 0) / 100).toFixed(2)} ₽`,
}

const item = (over: Partial<RadarItem>): RadarItem => ({
  key: 'k',
  kind: 'payout',
  date: '2026-12-07',
  dateRole: 'due',
  daysLeft: -19,
  urgency: 'overdue',
  title: 'MSK-01-2026-00001',
  subtitle: null,
  params: {},
  consequence: null,
  route: { name: 'termination-application', params: { id: 'x' } },
  ...over,
})

describe('the radar’s lines', () => {
  it('says what an overdue payout has cost so far', () => {
    const i = item({
      params: { refundKopecks: 337_534, refundKnown: 1 },
      consequence: { key: 'payoutLatePenalty', params: { amountKopecks: 64_131, days: 19 } },
    })
    expect(detailText(t, fmt, i)).toBe('Выплата 3375.34 ₽ — срок 07.12.2026')
    expect(consequenceText(t, fmt, i)).toBe('Просрочка 19 дн.: неустойка уже 641.31 ₽')
    expect(whenText(t, i)).toBe('19 дн. назад')
  })

  it('names the instalment, its suspension dates and the renewal started', () => {
    const i = item({
      kind: 'instalment',
      date: '2027-02-22',
      daysLeft: 0,
      params: { no: 2, count: 4, owedKopecks: 3_458_842 },
      consequence: { key: 'instalmentSuspendedEnds', params: { since: '2027-02-23', endsOn: '2027-03-25' } },
    })
    expect(detailText(t, fmt, i)).toBe('Взнос 2 из 4: 34588.42 ₽, оплатить до 22.02.2027')
    expect(consequenceText(t, fmt, i)).toBe('Страхование приостановлено с 23.02.2027; договор прекратится 25.03.2027')
    expect(whenText(t, i)).toBe('сегодня')
    const renewal = item({ kind: 'renewal', daysLeft: 30, params: { product: 'osago', renewalStarted: 1 } })
    expect(detailText(t, fmt, renewal)).toBe('ОСАГО: последний день 07.12.2026, продление начато')
    expect(whenText(t, renewal)).toBe('через 30 дн.')
  })

  it('shows no countdown for a wait', () => {
    expect(whenText(t, item({ kind: 'approval', dateRole: 'since', daysLeft: -3, urgency: 'today' }))).toBeNull()
  })
})
