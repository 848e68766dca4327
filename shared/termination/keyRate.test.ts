import { describe, expect, it } from 'vitest'
import keyRateJson from '../../resources/reference/key-rate.json'
import { MissingRuleError } from './errors'
import { keyRateFileSchema, keyRateSpans, newestKeyRates, type KeyRateTable } from './keyRate'

const bundled = keyRateFileSchema.parse(keyRateJson)

describe('key-rate reference data', () => {
  it('the bundled table: dated rates from the Bank of Russia with sources, known up to a stated date', () => {
    const { rates, knownUntil } = bundled.data
    expect(rates[0]).toMatchObject({ from: '2022-09-19', percent: '7.50' })
    expect(rates.find((r) => r.from === '2024-10-28')).toMatchObject({ percent: '21.00', verified: true })
    expect(rates.find((r) => r.from === '2025-12-22')).toMatchObject({ percent: '16.00' })
    expect(knownUntil).toBe('2026-03-22')
    for (const r of rates) expect(r.source, r.from).toMatch(/Bank of Russia/)
    // A rate confirmed by one secondary source only stays unverified.
    expect(rates.at(-1)).toMatchObject({ from: '2026-02-16', percent: '15.50', verified: false })
  })
  it('rejects rates out of order and a knownUntil before the last rate', () => {
    const swapped = structuredClone(keyRateJson)
    ;[swapped.data.rates[0], swapped.data.rates[1]] = [swapped.data.rates[1]!, swapped.data.rates[0]!]
    expect(keyRateFileSchema.safeParse(swapped).error?.issues[0]?.path).toEqual(['data', 'rates', 1, 'from'])
    const early = structuredClone(keyRateJson)
    early.data.knownUntil = '2026-01-01'
    expect(keyRateFileSchema.safeParse(early).error?.issues[0]?.path).toEqual(['data', 'knownUntil'])
    const percent = structuredClone(keyRateJson)
    percent.data.rates[0]!.percent = '7,5'
    expect(keyRateFileSchema.safeParse(percent).success).toBe(false)
  })
  it('uses the newest version: each holds the whole history', () => {
    const newer = {
      ...bundled,
      version: '2026-03-23.1',
      effectiveFrom: '2026-03-23',
      data: { ...bundled.data, knownUntil: '2026-04-26' },
    }
    expect(newestKeyRates([newer, bundled]).version).toBe('2026-03-23.1')
    expect(() => newestKeyRates([])).toThrow(MissingRuleError)
  })
})

describe('splitting a period at rate changes', () => {
  const table: KeyRateTable = {
    knownUntil: '2025-12-31',
    rates: [
      { from: '2025-10-27', percent: '16.50', verified: true, source: 's' },
      { from: '2025-12-22', percent: '16.00', verified: true, source: 's' },
    ],
  }
  it('gives one span per rate, and past knownUntil the last rate flagged', () => {
    expect(keyRateSpans('2025-12-20', '2026-01-03', table)).toEqual([
      { from: '2025-12-20', to: '2025-12-21', percent: '16.50', verified: true, beyondKnown: false },
      { from: '2025-12-22', to: '2025-12-31', percent: '16.00', verified: true, beyondKnown: false },
      { from: '2026-01-01', to: '2026-01-03', percent: '16.00', verified: false, beyondKnown: true },
    ])
    expect(keyRateSpans('2025-11-01', '2025-11-01', table)).toHaveLength(1)
    expect(keyRateSpans('2025-11-02', '2025-11-01', table)).toEqual([])
  })
  it('stops, naming the table, for a day before the first rate', () => {
    expect(() => keyRateSpans('2025-10-26', '2025-11-01', table)).toThrow(/key-rate/)
  })
})
