import type { SyncStatus } from '@shared/sync/contract'
import { momentText, numberText } from '../../composables/format'

/**
 * A timestamp as the branch reads it — on the branch's clock (`timeZone` from the app status), not this computer's,
 * which may be set to another zone — or '' for none. ДД.ММ.ГГГГ ЧЧ:ММ in either `locale` (the one formatter,
 * composables/useFormat.ts).
 */
export function formatMoment(iso: string | null | undefined, locale: string, timeZone: string | undefined): string {
  return momentText(iso, timeZone)
}

/** A size in the largest unit that keeps it above one (a few small photos are "48 КБ", not "0 МБ"). */
export function formatBytes(n: number, locale: string): string {
  const units = locale === 'en' ? ['B', 'KB', 'MB', 'GB'] : ['Б', 'КБ', 'МБ', 'ГБ']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${numberText(value, locale, unit === 0 ? 0 : 1)} ${units[unit]}`
}

export function transferPercent(status: SyncStatus | null): number | null {
  const t = status?.transfer
  if (!t || t.total === 0) return null
  return Math.floor((t.done / t.total) * 100)
}

/** The status bar's one-word state: online/offline comes from the core's probe of HQ, never from the browser. */
export function stateKey(status: SyncStatus | null): string {
  if (!status || status.state === 'not-enrolled') return 'sync.status.notEnrolled'
  if (status.state === 'syncing') return 'sync.status.syncing'
  if (status.state === 'revoked') return 'sync.status.revoked'
  if (status.state === 'error') return 'sync.status.error'
  if (status.state === 'offline' || status.online === false) return 'sync.status.offline'
  return 'sync.status.online'
}
