/**
 * How printed documents write dates and millimetres, the Russian way. Money is `formatRubles` of
 * shared/money/format.ts (`1 234,56 ₽` with no-break spaces, so an amount never splits across lines).
 */
const NBSP = '\u00a0'

// The one date formatter of screens and documents lives with the typed date field (issue 14).
export { formatDateRu, formatDateTimeRu } from '../dates/typedDate'

/** Offsets and layout positions as a clerk reads them on a ruler: `+1,5 мм`, `−2 мм`, `0 мм`. */
export function formatMillimetres(mm: number): string {
  const tenths = Math.round(mm * 10)
  const sign = tenths > 0 ? '+' : tenths < 0 ? '−' : ''
  const abs = Math.abs(tenths)
  const text = abs % 10 === 0 ? String(abs / 10) : `${Math.floor(abs / 10)},${abs % 10}`
  return `${sign}${text}${NBSP}мм`
}
