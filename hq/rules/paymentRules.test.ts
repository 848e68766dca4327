import { describe, expect, it } from 'vitest'
import type { RecordData } from '../records'
import { fakeContext, insert, judge, staff, synced, update, type FakeRecord } from './fakeContext'
import { cashDayRule, paymentRule } from './paymentRules'

const people = [staff('c1', 'clerk'), staff('s1', 'supervisor'), staff('a1', 'admin')]
const payment = (extra: RecordData = {}): RecordData =>
  synced('p1', 1, {
    branch_id: 'b1',
    direction: 'in',
    purpose: 'osago_premium',
    record_type: 'osago_policy',
    record_id: 'pol1',
    instalment_no: null,
    amount_kopecks: 812_345,
    method: 'cash',
    receipt: { number: 'ФД 17', fiscal: null },
    clerk_id: 'c1',
    clerk_name: 'Сотрудник c1',
    paid_at: '2026-12-06T09:00:00.000Z',
    business_day: '2026-12-06',
    cash_day_id: 'd1',
    reverses_id: null,
    ...extra,
  })
const cashDay = (status: string, v = 1, extra: RecordData = {}): RecordData =>
  synced('d1', v, {
    branch_id: 'b1',
    day: '2026-12-06',
    status,
    closed_at: status === 'closed' ? '2026-12-06T18:00:00.000Z' : null,
    closed_by: status === 'closed' ? 's1' : null,
    report: status === 'closed' ? { day: '2026-12-06', openingCashKopecks: 0, closingCashKopecks: 812_345 } : null,
    ...extra,
  })
const dayRecord = (status: string, byKey = true): FakeRecord => ({
  entity: 'cash_day',
  id: 'd1',
  data: cashDay(status),
  naturalKey: byKey ? 'MSK-01:2026-12-06' : null,
})
const originalRecord: FakeRecord = { entity: 'payment', id: 'p1', data: payment() }
const ctx = (records: FakeRecord[] = [], changedBy: string | null = 'c1', byKey = true) =>
  fakeContext({ records: [...people, ...records], changedBy, byKey })

describe('payment at HQ', () => {
  it('accepts a payment into an open or unknown day, recorded by its sender', async () => {
    expect(await judge(paymentRule, ctx(), insert(payment()))).toBe('accepted')
    expect(await judge(paymentRule, ctx([dayRecord('open')]), insert(payment()))).toBe('accepted')
  })

  it('refuses any update: the journal is append-only', async () => {
    expect(await judge(paymentRule, ctx([originalRecord]), update(payment(), { amount_kopecks: 1 }))).toBe(
      'rejected:append-only',
    )
    expect(await judge(paymentRule, ctx([originalRecord]), update(payment(), {}))).toBe('rejected:append-only')
  })

  it('refuses a payment into a day HQ knows as closed, by date or by the row it names', async () => {
    expect(await judge(paymentRule, ctx([dayRecord('closed')]), insert(payment()))).toBe('rejected:day-closed')
    expect(await judge(paymentRule, ctx([dayRecord('closed', false)], 'c1', false), insert(payment()))).toBe(
      'rejected:day-closed',
    )
    // The next day is open: a payment after closing that the device moved there is accepted.
    expect(
      await judge(
        paymentRule,
        ctx([dayRecord('closed')]),
        insert(payment({ business_day: '2026-12-07', cash_day_id: 'd2' })),
      ),
    ).toBe('accepted')
  })

  it('refuses amounts that are not positive kopecks, unknown methods and purposes, a bad receipt', async () => {
    for (const bad of [
      { amount_kopecks: 0 },
      { amount_kopecks: -100 },
      { amount_kopecks: 10.5 },
      { method: 'cheque' },
      { purpose: 'gift' },
      { direction: 'sideways' },
      { receipt: { fiscal: null } },
      { receipt: 'not json' },
      { business_day: '06.12.2026' },
    ])
      expect(await judge(paymentRule, ctx(), insert(payment(bad))), JSON.stringify(bad)).toBe('rejected:invalid-data')
  })

  it('refuses a payment recorded in another person’s name', async () => {
    expect(await judge(paymentRule, ctx([], 's1'), insert(payment()))).toBe('rejected:author-not-sender')
  })

  it('a reversal names an existing payment of the branch, the other way, same record, purpose, method and amount', async () => {
    const reversal = (extra: RecordData = {}) =>
      payment({ id: 'p2', direction: 'out', reverses_id: 'p1', clerk_id: 's1', clerk_name: 'Сотрудник s1', ...extra })
    expect(await judge(paymentRule, ctx([originalRecord], 's1'), insert(reversal()))).toBe('accepted')
    expect(await judge(paymentRule, ctx([], 's1'), insert(reversal()))).toBe('deferred:subject-unknown')
    expect(await judge(paymentRule, ctx([{ ...originalRecord, branchCode: 'SPB-01' }], 's1'), insert(reversal()))).toBe(
      'rejected:not-owner',
    )
    expect(await judge(paymentRule, ctx([originalRecord], 's1'), insert(reversal({ direction: 'in' })))).toBe(
      'rejected:invalid-data',
    )
    expect(await judge(paymentRule, ctx([originalRecord], 's1'), insert(reversal({ amount_kopecks: 5 })))).toBe(
      'rejected:immutable-field',
    )
    const reversed: FakeRecord = { entity: 'payment', id: 'p2', data: reversal() }
    expect(
      await judge(
        paymentRule,
        ctx([originalRecord, reversed], 's1'),
        insert(payment({ id: 'p3', reverses_id: 'p2', clerk_id: 's1' })),
      ),
    ).toBe('rejected:invalid-data')
  })
})

describe('cash day at HQ', () => {
  it('is opened by the core and closed by a supervisor or the admin who sends it, with its report', async () => {
    expect(await judge(cashDayRule, ctx([], null), insert(cashDay('open')))).toBe('accepted')
    expect(await judge(cashDayRule, ctx([], 's1'), update(cashDay('open'), cashDay('closed', 2)))).toBe('accepted')
    expect(
      await judge(cashDayRule, ctx([], 'a1'), update(cashDay('open'), cashDay('closed', 2, { closed_by: 'a1' }))),
    ).toBe('accepted')
  })

  it('refuses a clerk closing the day, a closer other than the sender, a closed day without its report', async () => {
    expect(
      await judge(cashDayRule, ctx([], 'c1'), update(cashDay('open'), cashDay('closed', 2, { closed_by: 'c1' }))),
    ).toBe('rejected:approver-not-supervisor')
    expect(await judge(cashDayRule, ctx([], 'a1'), update(cashDay('open'), cashDay('closed', 2)))).toBe(
      'rejected:author-not-sender',
    )
    expect(
      await judge(cashDayRule, ctx([], 's1'), update(cashDay('open'), cashDay('closed', 2, { report: null }))),
    ).toBe('rejected:invalid-data')
    expect(await judge(cashDayRule, ctx([], null), insert(cashDay('open', 1, { closed_by: 's1' })))).toBe(
      'rejected:invalid-data',
    )
  })

  it('a closed day stays closed and its date never changes', async () => {
    expect(await judge(cashDayRule, ctx([], 's1'), update(cashDay('closed'), cashDay('open', 2)))).toBe(
      'rejected:bad-transition',
    )
    expect(await judge(cashDayRule, ctx([], 's1'), update(cashDay('closed'), cashDay('closed', 2)))).toBe(
      'rejected:bad-transition',
    )
    expect(
      await judge(cashDayRule, ctx([], 's1'), update(cashDay('open'), cashDay('closed', 2, { day: '2026-12-05' }))),
    ).toBe('rejected:immutable-field')
    expect(await judge(cashDayRule, ctx([], null), insert(cashDay('closed')))).toBe('rejected:bad-transition')
  })

  it('is keyed by branch and date', () => {
    expect(cashDayRule.naturalKey!(cashDay('open'), 'MSK-01')).toBe('MSK-01:2026-12-06')
  })
})
