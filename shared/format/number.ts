const NBSP = '\u00a0'
const formatters = new Map<number, Intl.NumberFormat>()

/**
 * A quantity as Russian writes it: thousands grouped by a no-break space («48 250», «1 399»), a decimal comma
 * («110,16»), at most `maxFractionDigits` decimals. The one formatter of numbers that shared code puts into message
 * parameters (kilometres, horse power, a tariff corridor in roubles — money in kopecks is `formatAmount` of
 * shared/money/format.ts): a calculator stores its messages with their parameters, so the number is formatted where
 * the message is made and reads the same on screen and on paper (decision 84). Years, blank, policy and document
 * numbers are names, not quantities, and are never passed here. Always Russian, as formatAmount: the stored quote is
 * the same whatever the clerk's UI language.
 */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  let format = formatters.get(maxFractionDigits)
  if (!format) {
    format = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: maxFractionDigits, useGrouping: true })
    formatters.set(maxFractionDigits, format)
  }
  // ICU's Russian group separator is a no-break space; some builds use the narrow one, which older fonts lack.
  return format.format(value).replace(/\u202f/g, NBSP)
}
