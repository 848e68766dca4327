import { addDays, addMonths, type CalendarDate } from '../dates/calendarDate'
import { fraction, multiply, ratio, roundHalfUp } from '../money/exact'
import type { GapRow } from './quoteTypes'

/**
 * The sum insured falls by `reductionPerYear` over a year, counted for every started month (month m: m/12 of it),
 * so a total loss at the end of the first year pays 80 % with a 20 % rate (seed 002: 3 M − 600 k = 2.4 M). GAP pays
 * the difference. Month dates are counted from the start date, each from the start rather than chained (as the
 * payment schedule does), and each reduction is rounded half-up once.
 */
export function gapTable(input: {
  sumInsuredKopecks: number
  startDate: CalendarDate
  termMonths: number
  reductionPerYear: number
}): GapRow[] {
  const { sumInsuredKopecks, startDate, termMonths } = input
  const rate = ratio(input.reductionPerYear)
  return Array.from({ length: termMonths }, (_, i) => {
    const month = i + 1
    const gapPaysKopecks = roundHalfUp(multiply(sumInsuredKopecks, rate, fraction(month, 12)))
    return {
      month,
      from: addMonths(startDate, i),
      to: addDays(addMonths(startDate, month), -1),
      sumInsuredKopecks: sumInsuredKopecks - gapPaysKopecks,
      gapPaysKopecks,
    }
  })
}
