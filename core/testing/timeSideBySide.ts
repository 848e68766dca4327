import { performance } from 'node:perf_hooks'

export interface SideBySide {
  /** Median time per alternative over the median time per calculation. */
  ratio: number
  /** «calculation min/median/max … µs; per alternative min/median/max … µs; ratio …» for the test's output. */
  report: string
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const us = (ms: number) => `${(ms * 1000).toFixed(1)}`
const figures = (xs: number[]) => `${us(Math.min(...xs))}/${us(median(xs))}/${us(Math.max(...xs))} µs`

/**
 * Times `count` calculations (the alternatives' drafts priced directly) and the what-if producing those `count`
 * alternatives, in alternating rounds after a warm-up so both see the same machine load: what "never more than the
 * calculation's own time per alternative" (issue 17) is checked by. Figures are per calculation / per alternative.
 */
export function timeSideBySide(o: {
  rounds: number
  calculations: () => unknown
  alternatives: () => unknown
  count: number
}): SideBySide {
  if (o.count < 1) throw new Error('nothing to time: no alternatives')
  for (let i = 0; i < 30; i += 1) {
    o.calculations()
    o.alternatives()
  }
  const calc: number[] = []
  const alt: number[] = []
  for (let i = 0; i < o.rounds; i += 1) {
    let start = performance.now()
    o.calculations()
    calc.push((performance.now() - start) / o.count)
    start = performance.now()
    o.alternatives()
    alt.push((performance.now() - start) / o.count)
  }
  const ratio = median(alt) / median(calc)
  return {
    ratio,
    report: `per calculation min/median/max ${figures(calc)}; per alternative ${figures(alt)}; ratio ${ratio.toFixed(2)}`,
  }
}
