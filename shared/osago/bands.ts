import { ratio, type Ratio } from '../money/exact'
import type { IntRange } from './tariffSchema'

export function inRange(range: IntRange, x: number): boolean {
  return range.from <= x && (range.to === null || x <= range.to)
}

/** "22–24", "60+", "3" — as the tables print their rows. */
export function rangeLabel(range: IntRange): string {
  if (range.to === null) return `${range.from}+`
  return range.from === range.to ? String(range.from) : `${range.from}–${range.to}`
}

/** Exact comparison of two non-negative decimals given as ratios: -1, 0 or 1. */
export function compareRatio(a: Ratio, b: number | Ratio): number {
  const r = ratio(b)
  const left = a.num * r.den
  const right = r.num * a.den
  return left < right ? -1 : left > right ? 1 : 0
}

/** "≤50", ">50–70", ">150": a power band in hp, edges belonging to the lower band. */
export function powerBandLabel(band: { overHp: number; upToHp: number | null }): string {
  if (band.overHp === 0 && band.upToHp !== null) return `≤${band.upToHp}`
  if (band.upToHp === null) return `>${band.overHp}`
  return `>${band.overHp}–${band.upToHp}`
}
