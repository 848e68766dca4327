import { addDays, diffDays, isLeapYear, type CalendarDate } from '../dates/calendarDate'
import { applyFactors, fraction, multiply, ratio, roundHalfUp, type Ratio } from '../money/exact'
import { keyRateSpans, type KeyRateTable } from './keyRate'
import { decimalOf } from './refund'
import type { LatePayoutConsequence, TerminationRules } from './rulesSchema'
import { UsedRules } from './usedRules'

/**
 * What a late refund costs the insurer, by the basis the rules select (docs/domain/product-decisions.md):
 * - `contractual-penalty`: the rate of seed 004 (1 %) of the amount due for every day after the due date up to and
 *   including the day of payment — the law sets no penalty for a late premium refund; 1 % a day is the rate of
 *   40-FZ art. 12 p. 21 for claim payouts, applied by analogy;
 * - `statutory-interest`: GK RF art. 395 p. 1 — for each day, amount × the key rate in force that day ÷ the days of
 *   that calendar year (365 or 366).
 * Paying on the due date costs nothing. Only the final sum is rounded, half-up.
 */
export interface LatePayoutBasis {
  consequence: LatePayoutConsequence
  /** The penalty share per day (`contractual-penalty`); null for interest, whose rate comes from the key-rate table. */
  ratePerDay: string | null
  /** The termination-rules version the basis was read from. */
  rulesVersion: string
  /** Rule paths (under `termination.rule`) of the unverified values the basis rests on. */
  unverifiedRules: string[]
}

export function latePayoutBasis(rules: TerminationRules, rulesVersion: string): LatePayoutBasis {
  const used = new UsedRules()
  const l = rules.latePayout
  const consequence = used.take('latePayout.consequence', l.consequence)
  const ratePerDay =
    consequence === 'contractual-penalty' ? used.take('latePayout.penaltyRatePerDay', l.penaltyRatePerDay) : null
  if (consequence === 'statutory-interest') used.take('latePayout.statutoryInterest', l.statutoryInterest)
  return { consequence, ratePerDay, rulesVersion, unverifiedRules: used.list }
}

/** Days of delay at one rate: for interest, also within one calendar year (its day count divides). */
export interface LatePayoutSegment {
  from: CalendarDate
  to: CalendarDate
  days: number
  /** Penalty: percent per day; interest: the key rate, percent a year. */
  percent: string
  /** Interest only: 365 or 366. */
  daysInYear: number | null
  verified: boolean
  /** Interest on days after the key-rate table's `knownUntil`: the last known rate is assumed. */
  beyondKnown: boolean
}

export interface LatePayoutResult {
  consequence: LatePayoutConsequence
  dueDate: CalendarDate
  paidDate: CalendarDate
  daysLate: number
  amountKopecks: number
  exactKopecks: { num: string; den: string }
  segments: LatePayoutSegment[]
  /** Interest only: the last day the key-rate table is known to be complete. */
  keyRatesKnownUntil: CalendarDate | null
  /** Rule paths (under `termination.rule`) of unverified values used, including key rates not confirmed. */
  unverifiedRules: string[]
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b)
}
function add(a: Ratio, b: Ratio): Ratio {
  const num = a.num * b.den + b.num * a.den
  const den = a.den * b.den
  const g = gcd(num, den) || 1n
  return { num: num / g, den: den / g }
}
function reduced(r: Ratio): { num: string; den: string } {
  const g = gcd(r.num, r.den) || 1n
  return { num: String(r.num / g), den: String(r.den / g) }
}

/** Splits a span at 1 January so each piece lies in one calendar year. */
function byYear(from: CalendarDate, to: CalendarDate): Array<[CalendarDate, CalendarDate]> {
  const out: Array<[CalendarDate, CalendarDate]> = []
  let a = from
  while (a <= to) {
    const yearEnd = `${a.slice(0, 4)}-12-31`
    const b = yearEnd < to ? yearEnd : to
    out.push([a, b])
    a = addDays(b, 1)
  }
  return out
}

export function latePayoutAmount(
  amountKopecks: number,
  dueDate: CalendarDate,
  paidDate: CalendarDate,
  basis: LatePayoutBasis,
  keyRates: KeyRateTable | null,
): LatePayoutResult {
  const daysLate = Math.max(0, diffDays(dueDate, paidDate))
  const unverified = [...basis.unverifiedRules]
  const base = { consequence: basis.consequence, dueDate, paidDate, daysLate }
  if (daysLate === 0) {
    return {
      ...base,
      amountKopecks: 0,
      exactKopecks: { num: '0', den: '1' },
      segments: [],
      keyRatesKnownUntil: null,
      unverifiedRules: unverified,
    }
  }
  const firstLate = addDays(dueDate, 1)
  if (basis.consequence === 'contractual-penalty') {
    const rate = basis.ratePerDay!
    const exact = multiply(amountKopecks, rate, daysLate)
    const percent = multiply(rate, 100)
    return {
      ...base,
      amountKopecks: roundHalfUp(exact),
      exactKopecks: reduced(exact),
      segments: [
        {
          from: firstLate,
          to: paidDate,
          days: daysLate,
          percent: decimalOf(percent),
          daysInYear: null,
          verified: !unverified.includes('latePayout.penaltyRatePerDay'),
          beyondKnown: false,
        },
      ],
      keyRatesKnownUntil: null,
      unverifiedRules: unverified,
    }
  }
  if (!keyRates) throw new Error('statutory interest needs the key-rate table')
  let sum: Ratio = { num: 0n, den: 1n }
  const segments: LatePayoutSegment[] = []
  for (const span of keyRateSpans(firstLate, paidDate, keyRates)) {
    for (const [from, to] of byYear(span.from, span.to)) {
      const days = diffDays(from, to) + 1
      const daysInYear = isLeapYear(Number(from.slice(0, 4))) ? 366 : 365
      sum = add(sum, multiply(amountKopecks, ratio(span.percent), fraction(days, 100 * daysInYear)))
      segments.push({
        from,
        to,
        days,
        percent: span.percent,
        daysInYear,
        verified: span.verified,
        beyondKnown: span.beyondKnown,
      })
    }
  }
  if (segments.some((s) => s.beyondKnown)) unverified.push('keyRate.afterKnownUntil')
  if (segments.some((s) => !s.verified && !s.beyondKnown)) unverified.push('keyRate.rate')
  return {
    ...base,
    amountKopecks: roundHalfUp(sum),
    exactKopecks: reduced(sum),
    segments,
    keyRatesKnownUntil: keyRates.knownUntil,
    unverifiedRules: unverified,
  }
}

/** The seed's penalty with the rules' rate, whatever consequence they select (kept for the callers that want it). */
export function latePenaltyKopecks(
  amountKopecks: number,
  dueDate: CalendarDate,
  paidDate: CalendarDate,
  rules: TerminationRules,
): number {
  const daysLate = Math.max(0, diffDays(dueDate, paidDate))
  return applyFactors(amountKopecks, [rules.latePayout.penaltyRatePerDay.value, daysLate])
}
