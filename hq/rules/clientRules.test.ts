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

describe('client: erasure past retention', () => {
  const erasedParty = {
    kind: 'person',
    surname: '',
    name: '',
    patronymic: '',
    gender: null,
    birthDate: '',
    passport: { series: '', number: '', issueDate: '', issuer: '', departmentCode: '' },
    address: { region: '', city: '', street: '', house: '', flat: '' },
    phone: '',
    email: '',
  }
  const erasure = {
    status: 'erased',
    party: erasedParty,
    display_name: 'Данные обезличены',
    passport: null,
    inn: null,
    phone: null,
    search_text: null,
    erased_at: '2032-01-10T09:00:00.000Z',
  }
  const erasedCard = client('e1', erasure)
  const withErased = (by: string) =>
    fakeContext({ records: records([{ entity: 'client', id: 'e1', data: erasedCard }]), changedBy: by })
  const version = (id: string, clientId: string, p: unknown = party) =>
    synced(id, 1, { client_id: clientId, version: 1, party: p, source: 'card', changed_at: '2026-12-06T10:00:00.000Z' })

  it('is the admin’s, and leaves nothing personal on the card', async () => {
    const erase = update(client('k1', { passport: '4519123456', phone: '9031234567', search_text: 'смирнов' }), erasure)
    expect(await judge(clientRule, ctx('adm'), erase)).toBe('accepted')
    expect(await judge(clientRule, ctx('c1'), erase)).toBe('rejected:approver-not-supervisor')
    // A name left in the party, or a phone left in its column: not erased.
    const named = update(client('k1'), { ...erasure, party: { ...erasedParty, surname: 'Смирнов' } })
    expect(await judge(clientRule, ctx('adm'), named)).toBe('rejected:invalid-data')
    expect(await judge(clientRule, ctx('adm'), update(client('k1'), { ...erasure, phone: '9031234567' }))).toBe(
      'rejected:invalid-data',
    )
    // An extra field the party does not know is not erased either.
    const extra = update(client('k1'), { ...erasure, party: { ...erasedParty, snils: '112-233-445 95' } })
    expect(await judge(clientRule, ctx('adm'), extra)).toBe('rejected:invalid-data')
  })

  it('refuses to bring an erased card back: no edit, no status back, no new version', async () => {
    const ctxE = withErased('adm')
    expect(await judge(clientRule, ctxE, update(erasedCard, { party, display_name: 'Смирнов Алексей' }))).toBe(
      'rejected:bad-transition',
    )
    expect(await judge(clientRule, ctxE, update(erasedCard, { status: 'active' }))).toBe('rejected:bad-transition')
    expect(await judge(clientVersionRule, withErased('c1'), insert(version('v9', 'e1')))).toBe(
      'rejected:bad-transition',
    )
  })

  it('empties a version of an erased card, by the admin, and nothing else of it', async () => {
    const v = version('v1', 'e1')
    expect(await judge(clientVersionRule, withErased('adm'), update(v, { party: erasedParty }))).toBe('accepted')
    expect(await judge(clientVersionRule, withErased('c1'), update(v, { party: erasedParty }))).toBe(
      'rejected:approver-not-supervisor',
    )
    expect(await judge(clientVersionRule, withErased('adm'), update(v, { party: erasedParty, source: 'merge' }))).toBe(
      'rejected:immutable-field',
    )
    // Un-erasing a version (data put back into an emptied one) is a change like any other: refused.
    const emptied = version('v1', 'e1', erasedParty)
    expect(await judge(clientVersionRule, withErased('adm'), update(emptied, { party }))).toBe('rejected:append-only')
    // A version of a card that is still active is not emptied.
    expect(await judge(clientVersionRule, withErased('adm'), update(version('v2', 'k1'), { party: erasedParty }))).toBe(
      'rejected:invalid-data',
    )
  })
})
