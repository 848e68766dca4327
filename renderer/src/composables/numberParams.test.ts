import { describe, expect, it } from 'vitest'
import { numberParams } from './format'

/** Counts and sizes that reach a message as data (an import's counts, a sync refusal's sizes) read as numbers. */
describe('numberParams', () => {
  it('writes the named quantities as the language writes them and leaves every other parameter as it came', () => {
    const params = { size: 1_048_577, limit: 1_048_576, number: 12345670, series: 'ААК' }
    expect(numberParams(params, ['size', 'limit'], 'ru')).toEqual({
      size: '1\u00a0048\u00a0577',
      limit: '1\u00a0048\u00a0576',
      // A blank number is a name, not a quantity: never grouped.
      number: 12345670,
      series: 'ААК',
    })
    expect(numberParams({ accepted: 1500, rejected: 0 }, ['accepted', 'rejected'], 'en')).toEqual({
      accepted: '1,500',
      rejected: '0',
    })
  })
})
