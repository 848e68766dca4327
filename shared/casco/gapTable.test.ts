import { describe, expect, it } from 'vitest'
import { gapTable } from './gapTable'

describe('GAP table', () => {
  it('follows the seed example: 3 M insured, 20 % a year → 2.4 M paid at the end of the year, GAP adds 600 k', () => {
    const rows = gapTable({
      sumInsuredKopecks: 300_000_000,
      startDate: '2026-01-15',
      termMonths: 12,
      reductionPerYear: 0.2,
    })
    expect(rows.at(-1)).toEqual({
      month: 12,
      from: '2026-12-15',
      to: '2027-01-14',
      sumInsuredKopecks: 240_000_000,
      gapPaysKopecks: 60_000_000,
    })
    // Every started month counts: already 1/12 of the year's reduction in the first month.
    expect(rows[0]).toEqual({
      month: 1,
      from: '2026-01-15',
      to: '2026-02-14',
      sumInsuredKopecks: 295_000_000,
      gapPaysKopecks: 5_000_000,
    })
  })

  it('rounds each reduction half-up once and counts month dates from the start, clamped', () => {
    // 100 kopecks × 0.2 × 1/12 = 1.666… → 2; × 3/12 = 5.
    const rows = gapTable({ sumInsuredKopecks: 100, startDate: '2026-01-31', termMonths: 3, reductionPerYear: 0.2 })
    expect(rows.map((r) => [r.from, r.to, r.gapPaysKopecks, r.sumInsuredKopecks])).toEqual([
      ['2026-01-31', '2026-02-27', 2, 98],
      ['2026-02-28', '2026-03-30', 3, 97],
      ['2026-03-31', '2026-04-29', 5, 95],
    ])
  })
})
