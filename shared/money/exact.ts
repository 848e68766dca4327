/**
 * Exact money arithmetic. Money is integer kopecks; tariff coefficients are decimals (1.17, 0.77, 1.35962).
 * Products are taken as exact ratios in BigInt so that "multiply at full precision, round the final amount
 * half-up to the kopeck" (docs/domain/product-decisions.md#rounding) holds even at x.5 kopeck, where floats would
 * drift.
 */
export interface Ratio {
  readonly num: bigint
  readonly den: bigint
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** Exact ratio of a decimal number or decimal string ("1.17" → 117/100). */
export function ratio(value: number | string | Ratio): Ratio {
  if (typeof value === 'object') return value
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim()
  const m = DECIMAL.exec(text)
  if (!m) throw new RangeError(`Not a decimal number: ${String(value)}`)
  const fraction = m[3] ?? ''
  const num = BigInt(m[2]! + fraction) * (m[1] ? -1n : 1n)
  return { num, den: 10n ** BigInt(fraction.length) }
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`)
  // toString gives the shortest round-trip decimal; exponent forms are expanded by toFixed.
  const s = String(value)
  return /e/i.test(s) ? value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : s
}

export function fraction(num: number | bigint, den: number | bigint): Ratio {
  const d = BigInt(den)
  if (d === 0n) throw new RangeError('Division by zero')
  return d < 0n ? { num: -BigInt(num), den: -d } : { num: BigInt(num), den: d }
}

export function multiply(...factors: Array<number | string | Ratio>): Ratio {
  let num = 1n
  let den = 1n
  for (const f of factors) {
    const r = ratio(f)
    num *= r.num
    den *= r.den
  }
  return { num, den }
}

/** Rounds a ratio to the nearest integer, halves away from zero (half-up for the non-negative amounts we handle). */
export function roundHalfUp(r: Ratio): number {
  const negative = r.num < 0n !== r.den < 0n
  const n = r.num < 0n ? -r.num : r.num
  const d = r.den < 0n ? -r.den : r.den
  const q = (2n * n + d) / (2n * d)
  return Number(negative ? -q : q)
}

/** kopecks × factors, rounded half-up to the kopeck. */
export function applyFactors(kopecks: number, factors: Array<number | string | Ratio>): number {
  if (!Number.isSafeInteger(kopecks)) throw new RangeError(`Kopecks must be an integer: ${kopecks}`)
  return roundHalfUp(multiply(kopecks, ...factors))
}

/** A ratio as a JS number, for display only — never feed it back into money arithmetic. */
export function toNumber(r: Ratio): number {
  return Number(r.num) / Number(r.den)
}
