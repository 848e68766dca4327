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
