/**
 * Kopecks → "12 345,67" (ru) or "12,345.67" (en): the amount without the currency, for a message that writes the
 * sign itself («Страховая премия {actual} ₽»). Always with kopecks, as every amount on screen and paper.
 */
export function formatAmount(kopecks: number, locale: 'ru' | 'en' = 'ru'): string {
  const sign = kopecks < 0 ? '-' : ''
  const abs = Math.abs(kopecks)
  const rubles = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  const grouped = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 0 }).format(
    rubles,
  )
  return locale === 'ru' ? `${sign}${grouped},${cents}` : `${sign}${grouped}.${cents}`
}

/** Kopecks → "12 345,67 ₽" (ru) or "₽12,345.67" (en). Integer arithmetic only; Intl does the grouping. */
export function formatRubles(kopecks: number, locale: 'ru' | 'en' = 'ru'): string {
  const amount = formatAmount(kopecks, locale)
  if (locale === 'ru') return `${amount}\u00a0₽`
  return amount.startsWith('-') ? `-₽${amount.slice(1)}` : `₽${amount}`
}

/** "12345,67" / "12345.67" → kopecks; null when it is not an amount with at most two decimals. */
export function parseRubles(text: string): number | null {
  const m = /^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*(?:₽|руб\.?)?\s*$/.exec(text.replace(/[\s\u00a0]/g, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}
