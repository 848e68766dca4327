import type { InstalmentConsequence, InstalmentStatus } from '@shared/payments/instalments'
import type { TypedTranslate } from '@shared/i18n/messages'
import { formatDateRu } from '@shared/dates/typedDate'

/** What an instalment's state says on screen: its status word, when, and — when overdue — what followed. */
export interface InstalmentLike {
  status: InstalmentStatus
  dueDate: string
  lastDayToPay: string
  graceLastDay: string
  daysLeft: number
  consequence: InstalmentConsequence | null
}

export const STATUS_COLORS: Record<InstalmentStatus, string | undefined> = {
  upcoming: undefined,
  reminder: 'info',
  due: 'warning',
  grace: 'warning',
  overdue: 'error',
  paid: 'success',
}

/** «через 5 дн.», «сегодня», «до 22.02.2027», «оплатить до 26.05.2027»; empty for paid and overdue. */
export function statusHint(t: TypedTranslate, i: InstalmentLike, today: string | null): string {
  switch (i.status) {
    case 'upcoming':
    case 'reminder':
      return t(`instalments.statusHint.${i.status}`, { days: i.daysLeft })
    case 'due':
      return i.lastDayToPay === today
        ? t('instalments.statusHint.dueToday')
        : t('instalments.statusHint.dueUntil', { date: formatDateRu(i.lastDayToPay) })
    case 'grace':
      return t('instalments.statusHint.grace', { date: formatDateRu(i.graceLastDay) })
    default:
      return ''
  }
}

/** The consequence of an overdue instalment in the clerk's words. */
export function consequenceText(t: TypedTranslate, c: InstalmentConsequence | null): string {
  if (!c) return ''
  if (c.kind === 'terminated') return t('instalments.consequence.terminated', { on: formatDateRu(c.on) })
  return c.endsOn
    ? t('instalments.consequence.suspendedEnds', { since: formatDateRu(c.since), endsOn: formatDateRu(c.endsOn) })
    : t('instalments.consequence.suspended', { since: formatDateRu(c.since) })
}
