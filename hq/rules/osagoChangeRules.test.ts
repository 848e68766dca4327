import { describe, expect, it } from 'vitest'
import type { RecordData } from '../records'
import { fakeContext, insert, judge, synced, update, type FakeRecord } from './fakeContext'
import { osagoChangeRule } from './osagoChangeRules'

/** HQ's rule for changes to issued OSAGO policies and duplicates (core/osagoChange). */
const policy = (status: string, extra: RecordData = {}): FakeRecord => ({
  entity: 'osago_policy',
  id: 'p1',
  data: synced('p1', 3, { status, blank_id: 'bl2', ...extra }),
})
const blank = (policyId: string): FakeRecord => ({
  entity: 'policy_blank',
  id: 'bl2',
  data: synced('bl2', 2, { series: 'ХХХ', number: '0123456790', status: 'used', policy_id: policyId }),
})
const change = (status: string, extra: RecordData = {}): RecordData =>
  synced('ch1', 1, {
    policy_id: 'p1',
    kind: 'plate',
    status,
    print_form: 'reissue',
    effective_date: '2026-12-06',
    before: { vehicle: { plate: '' } },
    after: { vehicle: { plate: 'А123ВС77' } },
    amount_kopecks: 0,
    new_blank_id: status === 'applied' ? 'bl2' : null,
    ...extra,
  })

describe('osago_change at HQ', () => {
  it('takes a change of an issued policy of the branch, and its re-issue on a blank the policy uses', async () => {
    const ctx = fakeContext({ records: [policy('issued'), blank('p1')] })
    expect(await judge(osagoChangeRule, ctx, insert(change('draft')))).toBe('accepted')
    expect(
      await judge(osagoChangeRule, ctx, update(change('calculated'), { status: 'applied', new_blank_id: 'bl2' })),
    ).toBe('accepted')
  })

  it('refuses a change of a draft policy, of another branch’s policy, a re-issue without its blank or on another’s', async () => {
    const held = fakeContext({ records: [policy('issued'), blank('p1')] })
    expect(await judge(osagoChangeRule, held, update(change('calculated'), { status: 'applied' }))).toMatch(
      /^rejected:invalid-data/,
    )
    expect(await judge(osagoChangeRule, fakeContext({ records: [policy('draft')] }), insert(change('draft')))).toMatch(
      /^rejected:invalid-data/,
    )
    const foreign = { ...policy('issued'), branchCode: 'SPB-01' }
    expect(await judge(osagoChangeRule, fakeContext({ records: [foreign] }), insert(change('draft')))).toBe(
      'rejected:not-owner',
    )
    const other = fakeContext({ records: [policy('issued'), blank('p9')] })
    expect(
      await judge(osagoChangeRule, other, update(change('calculated'), { status: 'applied', new_blank_id: 'bl2' })),
    ).toBe('rejected:blank-not-used-by-policy')
  })

  it('keeps what the policy was before the change, and waits for a policy it does not hold yet', async () => {
    const ctx = fakeContext({ records: [policy('issued')] })
    expect(await judge(osagoChangeRule, ctx, update(change('draft'), { before: { vehicle: { plate: 'X' } } }))).toBe(
      'rejected:immutable-field',
    )
    expect(await judge(osagoChangeRule, fakeContext({ records: [] }), insert(change('draft')))).toBe(
      'deferred:subject-unknown',
    )
  })
})

describe('osago_change at HQ: the payout of the refund an applied change owes', () => {
  const due = { kind: 'refund-due', amountKopecks: 227_448, payment: null }
  const applied = (settlement: unknown) =>
    change('applied', { amount_kopecks: -227_448, settlement, applied_at: '2026-12-06T09:00:00.000Z' })
  const payout = (extra: RecordData = {}) => ({
    method: 'bank',
    document: '000512',
    paidOn: '2026-12-07',
    recordedAt: '2026-12-07T08:00:00.000Z',
    recordedBy: 'c1',
    ...extra,
  })
  const ctx = () => fakeContext({ records: [policy('issued'), blank('p1')], changedBy: 'c1' })
  const pay = (settlement: unknown, patch: RecordData = {}) =>
    judge(osagoChangeRule, ctx(), update(applied(due), { settlement, ...patch }))

  it('takes the refund recorded paid by the sender, on or after the day the change was applied', async () => {
    expect(await pay({ ...due, payout: payout() })).toBe('accepted')
    expect(await pay({ ...due, payout: payout({ paidOn: '2026-12-06', method: 'cash', document: 'ФД 4521' }) })).toBe(
      'accepted',
    )
  })

  it('refuses a payout by someone else, before the change, without its document, or with the amount changed', async () => {
    expect(await pay({ ...due, payout: payout({ recordedBy: 'c2' }) })).toBe('rejected:author-not-sender')
    expect(await pay({ ...due, payout: payout({ paidOn: '2026-12-05' }) })).toBe('rejected:invalid-data')
    expect(await pay({ ...due, payout: payout({ document: ' ' }) })).toBe('rejected:invalid-data')
    expect(await pay({ ...due, payout: payout({ method: 'barter' }) })).toBe('rejected:invalid-data')
    expect(await pay({ ...due, amountKopecks: 1, payout: payout() })).toBe('rejected:immutable-field')
    // Nothing else of an applied change moves with it.
    expect(await pay({ ...due, payout: payout() }, { amount_kopecks: -1 })).toBe('rejected:immutable-field')
  })

  it('refuses a payout on a change that owes none, and any change to a payout once made', async () => {
    const none = { kind: 'none', amountKopecks: 0, payment: null }
    expect(
      await judge(osagoChangeRule, ctx(), update(applied(none), { settlement: { ...none, payout: payout() } })),
    ).toBe('rejected:immutable-field')
    const paid = applied({ ...due, payout: payout() })
    expect(
      await judge(osagoChangeRule, ctx(), update(paid, { settlement: { ...due, payout: payout({ document: '9' }) } })),
    ).toBe('rejected:immutable-field')
    // The same paid change sent again changes nothing.
    expect(await judge(osagoChangeRule, ctx(), update(paid, {}))).toBe('accepted')
  })
})
