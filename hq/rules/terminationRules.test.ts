import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../shared/termination/application'
import type { RecordData } from '../records'
import { at, fakeContext, insert, judge, synced, update, type FakeRecord } from './fakeContext'
import {
  application,
  manualContract as manual,
  manualRecord,
  moveTermination as move,
  refundCalculation as calculation,
  terminationPeople as people,
  updateMoves,
} from './ruleFixtures'
import { terminationLifecycle } from '../../shared/termination/lifecycle'
import { manualContractRule, terminationApplicationRule } from './terminationRules'

describe('termination_application: status machine', () => {
  it('accepts every move the branch code makes', async () => {
    const moves = updateMoves(terminationLifecycle)
    expect(moves).toHaveLength(11)
    for (const [from, to] of moves) expect(`${from}→${to}: ${await move(from, to)}`).toBe(`${from}→${to}: accepted`)
  })

  it('starts as received, numbered in this branch’s series by the clerk who sends it', async () => {
    const ctx = (by = 'c1', more: FakeRecord[] = [manualRecord]) =>
      fakeContext({ records: [...people, ...more], changedBy: by })
    expect(await judge(terminationApplicationRule, ctx(), insert(application('received', 1)))).toBe('accepted')
    expect(await judge(terminationApplicationRule, ctx(), insert(application('calculated', 1)))).toBe(
      'rejected:bad-transition',
    )
    expect(await judge(terminationApplicationRule, ctx('c2'), insert(application('received', 1)))).toBe(
      'rejected:author-not-sender',
    )
    expect(
      await judge(terminationApplicationRule, ctx(), insert(application('received', 1, false, { branch_id: 'b2' }))),
    ).toBe('rejected:wrong-branch')
    // Another branch's series would take numbers that branch will give out itself.
    expect(
      await judge(
        terminationApplicationRule,
        ctx(),
        insert(application('received', 1, false, { incoming_number: 'SPB-01-2026-00012' })),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        terminationApplicationRule,
        ctx(),
        insert(application('received', 1, false, { incoming_year: 2025, incoming_number: 'MSK-01-2025-00012' })),
      ),
    ).toBe('rejected:invalid-data')
  })

  it('refuses moves the code never makes; paid, refused and closed are final', async () => {
    for (const [from, to] of [
      ['received', 'approved'],
      ['received', 'paid'],
      ['calculated', 'received'],
      ['calculated', 'closed'],
      ['approved', 'calculated'],
      ['paid', 'refused'],
      ['refused', 'received'],
      ['closed', 'paid'],
      ['paid', 'paid'],
      ['closed', 'closed'],
    ] as Array<[ApplicationStatus, ApplicationStatus]>) {
      expect(`${from}→${to}: ${await move(from, to)}`).toBe(`${from}→${to}: rejected:bad-transition`)
    }
  })

  it('property: any (from, to) is accepted exactly when the table has it', async () => {
    const status = fc.constantFrom(...APPLICATION_STATUSES)
    await fc.assert(
      fc.asyncProperty(status, status, async (from, to) => {
        expect(await move(from, to)).toBe(
          terminationLifecycle.allows(from, to) ? 'accepted' : 'rejected:bad-transition',
        )
      }),
      { numRuns: 200 },
    )
  })

  it('approval only when the calculation asks for it, and payment without it only when it does not', async () => {
    const ctx = (by: string) => fakeContext({ records: [...people, manualRecord], changedBy: by })
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('calculated', 3, true), application('paid', 4, true)),
      ),
    ).toBe('rejected:bad-transition')
    expect(
      await judge(
        terminationApplicationRule,
        ctx('s1'),
        update(application('calculated', 3, false), application('approved', 4, false)),
      ),
    ).toBe('rejected:bad-transition')
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('approved', 3, true), application('paid', 4, true)),
      ),
    ).toBe('accepted')
  })

  it('each status carries what it means (the device’s shape trigger)', async () => {
    const clerk = fakeContext({ records: [...people, manualRecord], changedBy: 'c1' })
    expect(
      await judge(
        terminationApplicationRule,
        clerk,
        update(application('calculated'), { ...application('paid', 4), payment_document: null }),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        terminationApplicationRule,
        clerk,
        update(application('received'), { ...application('refused', 4), refusal_reason: null }),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        terminationApplicationRule,
        clerk,
        update(application('received'), { calculation: calculation(false) }),
      ),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        terminationApplicationRule,
        clerk,
        update(application('received'), { ...application('closed', 4), paid_on: '2026-11-25' }),
      ),
    ).toBe('rejected:invalid-data')
  })
})

describe('termination_application: what may not change, and who moves it', () => {
  const ctx = (by: string) => fakeContext({ records: [...people, manualRecord], changedBy: by })

  it('the incoming number and the contract for good; what completion decided once completed', async () => {
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('received'), { incoming_number: 'MSK-01-2026-00013', incoming_seq: 13 }),
      ),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(terminationApplicationRule, ctx('c1'), update(application('received'), { contract_id: 'm2' })),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('received'), { details: '{"kind":"cooling-off","x":1}' }),
      ),
    ).toBe('accepted')
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('calculated'), { ...application('paid', 4), refund_kopecks: 9 }),
      ),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('approved', 3, true), { ...application('paid', 4, true), approved_by: 'c1' }),
      ),
    ).toBe('rejected:immutable-field')
  })

  it('a calendar update moves an open application’s payout deadline, with its notice and nothing else', async () => {
    const notice = (previous: string, current: string) =>
      JSON.stringify([{ previous, current, at, reason: 'calendar-updated' }])
    for (const status of ['calculated', 'approved'] as const) {
      const moved = (extra: RecordData) =>
        judge(terminationApplicationRule, ctx('c1'), update(application(status, 3, status === 'approved'), extra))
      expect(
        await moved({ payout_due_on: '2026-12-02', deadline_changes: notice('2026-12-01', '2026-12-02') }),
        status,
      ).toBe('accepted')
      expect(await moved({ payout_due_on: '2026-12-02' }), status).toBe('rejected:invalid-data')
      expect(
        await moved({ payout_due_on: '2026-12-02', deadline_changes: notice('2026-11-30', '2026-12-02') }),
        status,
      ).toBe('rejected:invalid-data')
      expect(
        await moved({
          payout_due_on: '2026-12-02',
          deadline_changes: notice('2026-12-01', '2026-12-02'),
          refund_kopecks: 9,
        }),
        status,
      ).toBe('rejected:immutable-field')
    }
    expect(
      await judge(
        terminationApplicationRule,
        ctx('c1'),
        update(application('paid'), {
          payout_due_on: '2026-12-02',
          deadline_changes: notice('2026-12-01', '2026-12-02'),
        }),
      ),
    ).toBe('rejected:bad-transition')
  })

  it('an approval is an active supervisor’s, the sender’s, and never on an application they received', async () => {
    const approve = (by: string, extra: RecordData = {}, before: RecordData = {}) =>
      judge(
        terminationApplicationRule,
        ctx(by),
        update(application('calculated', 3, true, before), {
          ...application('approved', 4, true),
          approved_by: by,
          ...extra,
        }),
      )
    expect(await approve('s1')).toBe('accepted')
    expect(await approve('c1')).toBe('rejected:approver-not-supervisor')
    expect(await approve('s2')).toBe('rejected:approver-inactive')
    expect(await approve('s1', { approved_by: 's2' })).toBe('rejected:approver-not-sender')
    expect(await approve('s1', { received_by: 's1' }, { received_by: 's1' })).toBe('rejected:approver-is-author')
  })

  it('completion, payment and refusal name who sent them', async () => {
    expect(
      await judge(terminationApplicationRule, ctx('c2'), update(application('received'), application('calculated', 4))),
    ).toBe('rejected:author-not-sender')
    expect(
      await judge(terminationApplicationRule, ctx('c2'), update(application('calculated'), application('paid', 4))),
    ).toBe('rejected:author-not-sender')
    expect(
      await judge(terminationApplicationRule, ctx('c2'), update(application('calculated'), application('refused', 4))),
    ).toBe('rejected:author-not-sender')
    // A refusal straight from received (refuse-application) has no calculation and names the refuser only.
    const refused = application('refused', 4, false, {
      calculation: null,
      refund_kopecks: null,
      completed_at: null,
      completed_by: null,
    })
    expect(await judge(terminationApplicationRule, ctx('c1'), update(application('received'), refused))).toBe(
      'accepted',
    )
  })
})

describe('termination_application: the contract it terminates', () => {
  const apply = (contract: FakeRecord | null, extra: RecordData = {}) =>
    judge(
      terminationApplicationRule,
      fakeContext({ records: contract ? [...people, contract] : people, changedBy: 'c1' }),
      insert(application('received', 1, false, extra)),
    )
  const osago = (status: string, branchCode?: string): FakeRecord => ({
    entity: 'osago_policy',
    id: 'o1',
    data: synced('o1', 4, { status, draft: '{}', blank_id: 'bl1' }),
    branchCode,
  })
  const casco = (status: string): FakeRecord => ({
    entity: 'casco_quote',
    id: 'q1',
    data: synced('q1', 9, { status, draft: '{}' }),
  })
  const onOsago = {
    contract_source: 'osago',
    contract_id: 'o1',
    kind: 'osago-early-termination',
    contract: JSON.stringify({ source: 'osago', id: 'o1' }),
    details: '{"kind":"osago-early-termination","ground":"owner-change"}',
  }
  const onCasco = {
    contract_source: 'casco',
    contract_id: 'q1',
    contract: JSON.stringify({ source: 'casco', id: 'q1' }),
  }

  it('is one HQ holds, of this branch; until HQ holds it the application waits', async () => {
    expect(await apply(manualRecord)).toBe('accepted')
    expect(await apply(null)).toBe('deferred:subject-unknown')
    expect(await apply({ ...manualRecord, branchCode: 'SPB-01' })).toBe('rejected:subject-other-branch')
    expect(await apply(osago('issued'), onOsago)).toBe('accepted')
    expect(await apply(osago('printed'), onOsago)).toBe('accepted')
    expect(await apply(null, onOsago)).toBe('deferred:subject-unknown')
    expect(await apply(osago('issued', 'SPB-01'), onOsago)).toBe('rejected:subject-other-branch')
    expect(await apply(casco('issued'), onCasco)).toBe('accepted')
  })

  it('an OSAGO policy or CASCO contract of the app must be issued at HQ', async () => {
    expect(await apply(osago('calculated'), onOsago)).toBe('rejected:contract-not-issued')
    expect(await apply(casco('approved'), onCasco)).toBe('rejected:contract-not-issued')
  })

  it('the snapshot is of the contract it names', async () => {
    expect(await apply(manualRecord, { contract: JSON.stringify({ source: 'manual', id: 'm9' }) })).toBe(
      'rejected:invalid-data',
    )
    expect(await apply(manualRecord, { contract: 'not json' })).toBe('rejected:invalid-data')
  })
})

describe('manual_contract', () => {
  const ctx = (by = 'c1') => fakeContext({ records: people, changedBy: by })

  it('is entered once as typed by the clerk who sends it', async () => {
    expect(await judge(manualContractRule, ctx(), insert(manual()))).toBe('accepted')
    expect(await judge(manualContractRule, ctx('c2'), insert(manual()))).toBe('rejected:author-not-sender')
    expect(await judge(manualContractRule, ctx(), insert(manual(1, { product: 'life' })))).toBe('rejected:invalid-data')
    expect(await judge(manualContractRule, ctx(), insert(manual(1, { premium_kopecks: 0 })))).toBe(
      'rejected:invalid-data',
    )
    expect(await judge(manualContractRule, ctx(), insert(manual(1, { end_date: '2026-11-01' })))).toBe(
      'rejected:invalid-data',
    )
  })

  it('afterwards only its end date changes (set by a completion, cleared by a later refusal)', async () => {
    expect(await judge(manualContractRule, ctx(), update(manual(), { terminated_on: '2026-11-21' }))).toBe('accepted')
    expect(
      await judge(
        manualContractRule,
        ctx('c2'),
        update(manual(2, { terminated_on: '2026-11-21' }), { terminated_on: null }),
      ),
    ).toBe('accepted')
    expect(await judge(manualContractRule, ctx(), update(manual(), { premium_kopecks: 1_000_00 }))).toBe(
      'rejected:immutable-field',
    )
    expect(await judge(manualContractRule, ctx(), update(manual(), { contract_number: 'ХХХ 2' }))).toBe(
      'rejected:immutable-field',
    )
    expect(await judge(manualContractRule, ctx(), update(manual(), { entered_by: 'c2' }))).toBe(
      'rejected:immutable-field',
    )
  })
})

describe('termination_application: what the application asks (issue 9)', () => {
  const ctx = (records: FakeRecord[] = [manualRecord]) =>
    fakeContext({ records: [...people, ...records], changedBy: 'c1' })
  const details = (d: Record<string, unknown>) => JSON.stringify(d)
  const receive = (extra: RecordData) =>
    judge(terminationApplicationRule, ctx(), insert(application('received', 1, false, extra)))
  const cascoManual: FakeRecord = { entity: 'manual_contract', id: 'm1', data: manual(1, { product: 'casco' }) }
  const onCasco = (kind: string, d: Record<string, unknown> = {}) => ({
    kind,
    details: details({ kind, ground: null, ...d }),
    contract: JSON.stringify({ source: 'manual', id: 'm1', product: 'casco' }),
  })

  it('accepts the new kinds and grounds on the contracts that allow them', async () => {
    for (const kind of ['casco-loss', 'casco-refusal', 'casco-sale', 'cooling-off']) {
      expect(
        await judge(
          terminationApplicationRule,
          ctx([cascoManual]),
          insert(application('received', 1, false, onCasco(kind))),
        ),
        kind,
      ).toBe('accepted')
    }
    for (const ground of ['policyholder-liquidation', 'insurer-false-information', 'death']) {
      expect(
        await receive({
          kind: 'osago-early-termination',
          details: details({ kind: 'osago-early-termination', ground, eventDate: '2026-11-01' }),
        }),
        ground,
      ).toBe('accepted')
    }
    // A CASCO kind on an OSAGO contract, or a ground the rules do not know, is not what the device sends.
    expect(
      await receive({
        kind: 'casco-loss',
        details: details({ kind: 'casco-loss' }),
        contract: JSON.stringify({ source: 'manual', id: 'm1', product: 'osago' }),
      }),
    ).toBe('rejected:invalid-data')
    expect(
      await receive({
        kind: 'osago-early-termination',
        details: details({ kind: 'osago-early-termination', ground: 'bankruptcy' }),
      }),
    ).toBe('rejected:invalid-data')
    expect(await receive({ details: details({ kind: 'cooling-off', ground: 'death' }) })).toBe('rejected:invalid-data')
    expect(await receive({ details: details({ kind: 'casco-sale' }) })).toBe('rejected:invalid-data')
    expect(await receive({ details: '[1]' })).toBe('rejected:invalid-data')
  })

  it('a posted application: a postmark no later than the receipt; a later end date on a cooling-off only, not before the filing', async () => {
    const post = (postmarkDate: unknown, more: Record<string, unknown> = {}) =>
      receive({ details: details({ kind: 'cooling-off', receipt: { channel: 'post', postmarkDate }, ...more }) })
    expect(await post('2026-11-18')).toBe('accepted')
    expect(await post('2026-11-21')).toBe('accepted')
    expect(await post('2026-11-22')).toBe('rejected:invalid-data')
    expect(await post(null)).toBe('rejected:invalid-data')
    expect(await receive({ details: details({ kind: 'cooling-off', receipt: { channel: 'fax' } }) })).toBe(
      'rejected:invalid-data',
    )
    expect(await post('2026-11-18', { requestedTerminationDate: '2026-11-25' })).toBe('accepted')
    expect(await post('2026-11-18', { requestedTerminationDate: '2026-11-17' })).toBe('rejected:invalid-data')
    expect(
      await receive({
        kind: 'osago-early-termination',
        details: details({
          kind: 'osago-early-termination',
          ground: 'owner-change',
          requestedTerminationDate: '2026-11-25',
        }),
      }),
    ).toBe('rejected:invalid-data')
    expect(
      await receive({
        kind: 'osago-early-termination',
        details: details({ kind: 'osago-early-termination', ground: 'death', eventDate: '2026-11-22' }),
      }),
    ).toBe('rejected:invalid-data')
  })

  it('a late payout stores its basis and amount; a device before the column is judged as before', async () => {
    const clerk = fakeContext({ records: [...people, manualRecord], changedBy: 'c1' })
    const late = { consequence: 'statutory-interest', amountKopecks: 917, daysLate: 11 }
    const pay = (extra: RecordData) =>
      judge(
        terminationApplicationRule,
        clerk,
        update(application('calculated'), { ...application('paid', 4), ...extra }),
      )
    expect(await pay({ penalty_kopecks: 917, paid_kopecks: 1_200_00 + 917, late_payout: JSON.stringify(late) })).toBe(
      'accepted',
    )
    expect(await pay({ penalty_kopecks: 917, late_payout: null })).toBe('rejected:invalid-data')
    expect(await pay({ penalty_kopecks: 918, late_payout: JSON.stringify(late) })).toBe('rejected:invalid-data')
    expect(await pay({ penalty_kopecks: 917, late_payout: JSON.stringify({ ...late, consequence: 'fine' }) })).toBe(
      'rejected:invalid-data',
    )
    expect(await pay({ penalty_kopecks: 0, late_payout: null })).toBe('accepted')
    expect(await pay({ penalty_kopecks: 917 })).toBe('accepted')
  })
})
