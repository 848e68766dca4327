import { describe, expect, it } from 'vitest'
import { latePayoutAmount } from './latePenalty'
import { keyRateWarning, latePayoutSegmentLines } from './latePayoutLines'
import keyRateJson from '../../resources/reference/key-rate.json'
import { keyRateFileSchema } from './keyRate'

const bundledKeyRates = keyRateFileSchema.parse(keyRateJson).data
const interest = {
  consequence: 'statutory-interest' as const,
  ratePerDay: null,
  rulesVersion: 'test',
  unverifiedRules: [],
}
const penalty = {
  consequence: 'contractual-penalty' as const,
  ratePerDay: '0.01',
  rulesVersion: 'test',
  unverifiedRules: [],
}

describe('what the screens show of a late payout (GK RF art. 395 interest, the seed’s penalty)', () => {
  it('interest inside the key-rate table: its periods, no warning', () => {
    // 1 814,25 ₽ due 20.10.2025, paid 31.10.2025: 6 days at 17 %, 5 at 16,5 % (docs/refund-rules.md).
    const l = latePayoutAmount(181_425, '2025-10-20', '2025-10-31', interest, bundledKeyRates)
    expect(latePayoutSegmentLines(l, 'ru')).toEqual([
      [
        {
          key: 'termination.latePayout.segment.interest',
          params: { from: '21.10.2025', to: '26.10.2025', days: 6, percent: '17,00', daysInYear: 365 },
        },
      ],
      [
        {
          key: 'termination.latePayout.segment.interest',
          params: { from: '27.10.2025', to: '31.10.2025', days: 5, percent: '16,50', daysInYear: 365 },
        },
      ],
    ])
    expect(keyRateWarning(l)).toBeNull()
  })
  it('interest past the table’s knownUntil: the later period flagged, and the warning naming the date', () => {
    const l = latePayoutAmount(641_315, '2026-03-16', '2026-03-27', interest, bundledKeyRates)
    const lines = latePayoutSegmentLines(l, 'en')
    expect(lines.map((x) => x.length)).toEqual([1, 2])
    expect(lines[1]![0]!.params).toMatchObject({ from: '23.03.2026', to: '27.03.2026', days: 5, percent: '15.50' })
    expect(lines[1]![1]).toEqual({
      key: 'termination.latePayout.segment.beyondKnown',
      params: { knownUntil: '22.03.2026' },
    })
    expect(keyRateWarning(l)).toEqual({
      key: 'termination.latePayout.afterKnownWarning',
      params: { date: '22.03.2026' },
    })
  })
  it('the penalty has no key rates to warn about', () => {
    const l = latePayoutAmount(181_425, '2026-03-16', '2026-03-27', penalty, null)
    expect(keyRateWarning(l)).toBeNull()
    expect(latePayoutSegmentLines(l, 'ru')[0]![0]!.key).toBe('termination.latePayout.segment.penalty')
    expect(keyRateWarning(null)).toBeNull()
  })
})
