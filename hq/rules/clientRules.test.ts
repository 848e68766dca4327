import { describe, expect, it } from 'vitest'
import type { RecordData } from '../records'
import { clientLinkRule, clientRule, clientVersionRule } from './clientRules'
import { fakeContext, insert, judge, staff, synced, update, type FakeRecord } from './fakeContext'

const party = { kind: 'person', surname: 'Смирнов', name: 'Алексей' }
const client = (id: string, extra: RecordData = {}): RecordData =>
  synced(id, 1, { branch_id: 'b1', kind: 'person', status: 'active', party, display_name: 'Смирнов Алексей', ...extra })
const records = (extra: FakeRecord[] = []): FakeRecord[] => [
  staff('adm', 'admin'),
  staff('c1', 'clerk'),
  { entity: 'client', id: 'k1', data: client('k1') },
  { entity: 'client', id: 'k2', data: client('k2') },
  { entity: 'client', id: 'other', data: client('other'), branchCode: 'SPB-01' },
  { entity: 'osago_policy', id: 'p1', data: synced('p1', 2, { status: 'issued' }) },
  ...extra,
]
const ctx = (by = 'c1') => fakeContext({ records: records(), changedBy: by })

describe('client: the card', () => {
  it('is made active, edited by the branch, and keeps its kind and branch', async () => {
    expect(await judge(clientRule, ctx(), insert(client('n1')))).toBe('accepted')
    expect(await judge(clientRule, ctx(), insert(client('n1', { status: 'merged' })))).toBe('rejected:bad-transition')
    expect(await judge(clientRule, ctx(), update(client('k1'), { display_name: 'Смирнов А.' }))).toBe('accepted')
    expect(await judge(clientRule, ctx(), update(client('k1'), { kind: 'organisation' }))).toBe(
      'rejected:immutable-field',
    )
    expect(await judge(clientRule, ctx(), insert(client('n1', { party: 'not json' })))).toBe('rejected:invalid-data')
  })

  it('is merged by the admin only, into a card of the same branch, and a merged card stays merged', async () => {
    const merge = update(client('k2'), { status: 'merged', merged_into: 'k1' })
    expect(await judge(clientRule, ctx('adm'), merge)).toBe('accepted')
    expect(await judge(clientRule, ctx('c1'), merge)).toBe('rejected:approver-not-supervisor')
    expect(await judge(clientRule, ctx('adm'), update(client('k2'), { status: 'merged', merged_into: 'other' }))).toBe(
      'rejected:subject-other-branch',
    )
    expect(
      await judge(clientRule, ctx('adm'), update(client('k2'), { status: 'merged', merged_into: 'unknown' })),
    ).toBe('deferred:subject-unknown')
    expect(
      await judge(
        clientRule,
        ctx('adm'),
        update(client('k2', { status: 'merged', merged_into: 'k1' }), { status: 'active' }),
      ),
    ).toBe('rejected:bad-transition')
  })
})

describe('client: versions and links', () => {
  const version = (id: string, clientId: string) =>
    synced(id, 1, { client_id: clientId, version: 1, party, source: 'card', changed_at: '2026-12-06T10:00:00.000Z' })

  it('takes a version once, for a card of the branch', async () => {
    expect(await judge(clientVersionRule, ctx(), insert(version('v1', 'k1')))).toBe('accepted')
    expect(await judge(clientVersionRule, ctx(), update(version('v1', 'k1'), { source: 'x' }))).toBe(
      'rejected:append-only',
    )
    expect(await judge(clientVersionRule, ctx(), insert(version('v1', 'other')))).toBe('rejected:subject-other-branch')
    expect(await judge(clientVersionRule, ctx(), insert(version('v1', 'later')))).toBe('deferred:subject-unknown')
  })

  it('links a record of the branch; only the admin moves a link to another card', async () => {
    const link = synced('l1', 1, { client_id: 'k2', entity: 'osago_policy', entity_id: 'p1', role: 'insured' })
    expect(await judge(clientLinkRule, ctx(), insert(link))).toBe('accepted')
    expect(await judge(clientLinkRule, ctx(), insert({ ...link, entity_id: 'p-later' }))).toBe(
      'deferred:subject-unknown',
    )
    expect(await judge(clientLinkRule, ctx(), insert({ ...link, entity: 'staff' }))).toBe('rejected:invalid-data')
    expect(await judge(clientLinkRule, ctx('adm'), update(link, { client_id: 'k1' }))).toBe('accepted')
    expect(await judge(clientLinkRule, ctx('c1'), update(link, { client_id: 'k1' }))).toBe(
      'rejected:approver-not-supervisor',
    )
    expect(await judge(clientLinkRule, ctx('adm'), update(link, { entity_id: 'p2' }))).toBe('rejected:immutable-field')
  })
})
