import type { SyncStatus } from '@shared/sync/contract'

/** A timestamp as the branch reads it (local time of this computer), or '' for none. */
export function formatMoment(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'short', timeStyle: 'short' })
}

export function formatBytes(n: number, locale: string): string {
  const mb = n / (1024 * 1024)
  const unit = locale === 'en' ? 'MB' : 'МБ'
  return `${mb.toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 })} ${unit}`
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
