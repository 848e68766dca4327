import { describe, expect, it } from 'vitest'
import { ProductionCalendarError } from '../../shared/reference/productionCalendar'
import { MissingRuleError } from '../../shared/termination/errors'
import { KEY_RATE_KIND } from '../../shared/termination/keyRate'
import { AppError } from '../app/appError'
import type { ReferenceData } from '../reference/loadReferenceData'
import { guarded, keyRatesOf, rulesInForce } from './terminationRules'

function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('nothing thrown')
}

describe('reference-data errors of a termination calculation name dates the Russian way', () => {
  it('a day before the key-rate table: the date as ДД.ММ.ГГГГ', () => {
    const e = thrown(() =>
      guarded(() => {
        throw new MissingRuleError(KEY_RATE_KIND, '2022-09-01', 'the table starts on 2022-09-19')
      }),
    )
    expect(e).toMatchObject({
      code: 'REFERENCE_DATA',
      messageKey: 'termination.problem.keyRates',
      params: { date: '01.09.2022' },
    })
  })
  it('no key-rate table at all: its own message, no empty date', () => {
    const none = { versions: { 'key-rate': [] } } as unknown as ReferenceData
    expect(thrown(() => keyRatesOf(none))).toMatchObject({
      messageKey: 'termination.problem.keyRatesMissing',
      params: {},
    })
    const e = thrown(() =>
      guarded(() => {
        throw new MissingRuleError(KEY_RATE_KIND, '(version)', 'no key-rate table')
      }),
    )
    expect(e).toMatchObject({ messageKey: 'termination.problem.keyRatesMissing', params: {} })
  })
  it('rules and calendar errors show ДД.ММ.ГГГГ too', () => {
    expect(
      thrown(() =>
        guarded(() => {
          throw new MissingRuleError('termination-rules', '2019-05-06', 'x')
        }),
      ).params,
    ).toEqual({ date: '06.05.2019' })
    const none = { versions: { 'termination-rules': [] } } as unknown as ReferenceData
    expect(thrown(() => rulesInForce(none, '2019-05-06')).params).toEqual({ date: '06.05.2019' })
    const calendar = thrown(() =>
      guarded(() => {
        throw new ProductionCalendarError('x', { date: '2031-02-03' }, 'detail')
      }),
    )
    expect(calendar.params).toEqual({ date: '03.02.2031' })
  })
})
