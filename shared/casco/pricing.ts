import { fraction, multiply, ratio, roundHalfUp, toNumber, type Ratio } from '../money/exact'
import type { CascoFactor, CascoFactorCode, CascoComponentPremium, MessageRef } from './quoteTypes'
import type { CascoComponent } from './tariffSchema'

/**
 * The arithmetic of a CASCO premium: each component is base × rate % × the factors that name it, multiplied
 * exactly and rounded half-up once per component; the premium is the sum of the rounded components, so the
 * amounts printed per risk add up to the total.
 */

export interface AppliedFactor {
  code: CascoFactorCode
  ratio: Ratio
  appliesTo: readonly CascoComponent[]
  reason: MessageRef
  verified: boolean
  source: string | null
}

export interface ComponentBase {
  code: CascoComponent
  baseKopecks: number
  /** Rate in % of the base. */
  rate: Ratio
  reason: MessageRef
  verified: boolean
}

export function factorFromValue(
  code: CascoFactorCode,
  tv: { value: number; verified: boolean; source?: string | undefined },
  appliesTo: readonly CascoComponent[],
  reason: MessageRef,
): AppliedFactor {
  return { code, ratio: ratio(tv.value), appliesTo, reason, verified: tv.verified, source: tv.source ?? null }
}

export function componentPremium(c: ComponentBase, factors: readonly AppliedFactor[]): number {
  const own = factors.filter((f) => f.appliesTo.includes(c.code)).map((f) => f.ratio)
  return roundHalfUp(multiply(c.baseKopecks, c.rate, fraction(1, 100), ...own))
}

export function priceComponents(
  components: readonly ComponentBase[],
  factors: readonly AppliedFactor[],
): CascoComponentPremium[] {
  return components.map((c) => ({
    code: c.code,
    baseKopecks: c.baseKopecks,
    ratePercent: decimalNumber(c.rate),
    reason: c.reason,
    verified: c.verified,
    premiumKopecks: componentPremium(c, factors),
  }))
}

export function totalOf(components: readonly { premiumKopecks: number }[]): number {
  return components.reduce((sum, c) => sum + c.premiumKopecks, 0)
}

/** Factors as they are shown and stored: only those touching a component the option has. */
export function publicFactors(factors: readonly AppliedFactor[], present: readonly CascoComponent[]): CascoFactor[] {
  return factors
    .filter((f) => f.appliesTo.some((c) => present.includes(c)))
    .map((f) => ({
      code: f.code,
      value: decimalNumber(f.ratio),
      appliesTo: f.appliesTo.filter((c) => present.includes(c)),
      reason: f.reason,
      verified: f.verified,
      source: f.source,
    }))
}

/** -1, 0 or 1: exact comparison of two non-negative ratios. */
export function compareRatios(a: Ratio, b: Ratio): number {
  const left = a.num * b.den
  const right = b.num * a.den
  return left < right ? -1 : left > right ? 1 : 0
}

/**
 * A ratio with a power-of-ten denominator (every product of tariff decimals) as the number that prints as its
 * exact decimal: 1.05 × 0.95 → 0.9975, not 0.9974999999999999.
 */
export function decimalNumber(r: Ratio): number {
  let den = r.den
  let digits = 0
  while (den > 1n && den % 10n === 0n) {
    den /= 10n
    digits += 1
  }
  if (den !== 1n) return toNumber(r)
  let num = r.num
  const negative = num < 0n
  if (negative) num = -num
  const s = num.toString().padStart(digits + 1, '0')
  const text = digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`
  return Number(negative ? `-${text}` : text)
}
