import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { addStaff, establishBranch, makeDevice, type Device } from '../sync/testing/syncHarness'

/**
 * Clients of other branches through HQ (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches),
 * end to end: SPB issues a policy (its client card is made and synced), MSK's clerk finds the client at HQ by an
 * exact identifier, the answer is shown and not stored, and a new OSAGO application carries the client's data.
 */
let hq: RunningHq
let spb: Device
let msk: Device
let today: string

const count = async (d: Device, table: string) =>
  Number(((await d.core.db(table).count({ n: '*' }).first()) as { n: unknown }).n)

async function issueAtSpb(): Promise<string> {
  await spb.ok('blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000101' }, 'admin')
  const p = await spb.ok('osago/create-draft', undefined, 'c')
  const saved = await spb.ok(
    'osago/save-draft',
    { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) },
    'c',
  )
  const calc = await spb.ok('osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c')
  const issued = await spb.ok(
    'osago/issue-policy',
    {
      id: saved.id,
      rowVersion: calc.rowVersion,
      payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
    },
    'c',
  )
  return issued.id
}

beforeEach(async () => {
  hq = await startHq()
  spb = await makeDevice()
  msk = await makeDevice({ clock: spb.clock })
  today = todayIn(BRANCH_TIME_ZONE, spb.clock.now())
  for (const [d, code] of [
    [spb, 'SPB-01'],
    [msk, 'MSK-01'],
  ] as const) {
    await establishBranch(d, code)
    await addStaff(d, 'clerk', 'clerk1', 'c')
  }
}, 60_000)
afterEach(async () => {
  await spb.dispose()
  await msk.dispose()
  await hq.close()
})

async function enrol(d: Device, code: string) {
  await d.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode(code), deviceName: 'Касса' }, 'admin')
  expect(await d.core.sync.syncNow()).toBe(true)
}

describe('client/lookup-remote', () => {
  it('finds SPB’s client for MSK by passport, with SPB’s policy, and keeps nothing of it but an audit entry', async () => {
    const policyId = await issueAtSpb()
    await enrol(spb, 'SPB-01')
    await enrol(msk, 'MSK-01')

    const answer = await msk.ok('client/lookup-remote', { query: '4519 123456' }, 'c')
    expect(answer.online).toBe(true)
    if (!answer.online) return
    expect(answer.clients).toHaveLength(1)
    expect(answer.clients[0]).toMatchObject({
      branchCode: 'SPB-01',
      name: 'Смирнов Алексей Игоревич',
      birthDate: '1999-04-12',
      phone: '+7 916 123-45-67',
      person: { surname: 'Смирнов', passportSeries: '4519', passportNumber: '123456' },
      contracts: [{ product: 'osago', id: policyId, series: 'ААК', number: '0000000101', status: 'issued' }],
    })
    // By phone and by surname with the birth date too.
    for (const query of ['+7 (916) 123-45-67', 'смирнов 12.04.1999', 'Смирнов Алексей 1999-04-12']) {
      const a = await msk.ok('client/lookup-remote', { query }, 'c')
      expect(a.online && a.clients.map((c) => c.branchCode), query).toEqual(['SPB-01'])
    }

    // Nothing of the answer was written: no card, version or link; only who read what, without the identifiers.
    for (const table of ['client', 'client_version', 'client_link', 'osago_policy'])
      expect(await count(msk, table)).toBe(0)
    const audit = (await msk.core.db('audit_log').where({ action: 'client.remote-read' })) as Array<{
      after: string
      actor_login: string
    }>
    expect(audit).toHaveLength(4)
    expect(audit[0]!.actor_login).toBe('clerk1')
    expect(JSON.parse(audit[0]!.after)).toEqual({
      by: ['passport'],
      answered: [`SPB-01/${answer.clients[0]!.id}`],
    })
    expect(audit.map((a) => a.after).join()).not.toMatch(/4519|123456|9161234567|Смирнов/)
    // HQ recorded each lookup with the clerk HQ knows from MSK's staff.
    const clerk = (await msk.core.db('staff').where({ login: 'clerk1' }).first('id')) as { id: string }
    const logged = (await hq.db('hq_client_lookup').where({ branch_code: 'MSK-01' })) as Array<{ asked_by: string }>
    expect(logged.map((l) => l.asked_by)).toEqual([clerk.id, clerk.id, clerk.id, clerk.id])
  }, 60_000)

  it('refuses a query that is not an exact identifier, before HQ is asked', async () => {
    await enrol(msk, 'MSK-01')
    for (const query of ['Смирнов', '4519', 'Смирнов 1999', '12.04.1999', 'Смирнов 31.02.1999', '%']) {
      const r = await msk.call('client/lookup-remote', { query }, 'c')
      expect(r.ok, query).toBe(false)
      if (!r.ok) expect(r.error.fieldErrors?.query).toBeTruthy()
    }
    expect(await hq.db('hq_client_lookup').count({ n: '*' }).first()).toMatchObject({ n: 0 })
  })

  it('answers clearly when HQ cannot be asked: not enrolled, or out of reach', async () => {
    expect(await msk.ok('client/lookup-remote', { query: '4519123456' }, 'c')).toEqual({
      online: false,
      reason: 'notEnrolled',
    })
    await enrol(msk, 'MSK-01')
    await hq.close()
    expect(await msk.ok('client/lookup-remote', { query: '4519123456' }, 'c')).toEqual({
      online: false,
      reason: 'unreachable',
    })
    const start = await msk.call(
      'client/start-osago-for-remote',
      { query: '4519123456', remoteId: '01900000-0000-7000-8000-000000000000' },
      'c',
    )
    expect(start.ok || start.error.code).toBe('CONFLICT')
    hq = await startHq() // for afterEach
  })

  it('tells a clerk HQ does not know yet (added after the last sync) to sync first', async () => {
    await enrol(msk, 'MSK-01')
    await addStaff(msk, 'clerk', 'clerk2', 'c2')
    const r = await msk.call('client/lookup-remote', { query: '4519123456' }, 'c2')
    expect(r.ok || [r.error.code, r.error.message]).toEqual([
      'CONFLICT',
      'ЦО ещё не знает вас как сотрудника филиала. Выполните синхронизацию и повторите поиск.',
    ])
    expect(await msk.core.sync.syncNow()).toBe(true)
    expect(await msk.ok('client/lookup-remote', { query: '4519123456' }, 'c2')).toEqual({ online: true, clients: [] })
  })

  it('is for the desk only: an admin and an inspector are refused', async () => {
    await addStaff(msk, 'inspector', 'insp1', 'i')
    for (const client of ['admin', 'i']) {
      const r = await msk.call('client/lookup-remote', { query: '4519123456' }, client)
      expect(r.ok || r.error.code).toBe('FORBIDDEN')
    }
  })
})

describe('client/start-osago-for-remote', () => {
  it('starts an MSK draft with the client’s data; MSK’s card is made when the policy is issued', async () => {
    await issueAtSpb()
    await enrol(spb, 'SPB-01')
    await enrol(msk, 'MSK-01')
    const answer = await msk.ok('client/lookup-remote', { query: '4519123456' }, 'c')
    if (!answer.online) throw new Error('online expected')
    const remote = answer.clients[0]!

    const draft = await msk.ok('client/start-osago-for-remote', { query: '4519123456', remoteId: remote.id }, 'c')
    expect(draft.status).toBe('draft')
    expect(draft.draft.insured).toMatchObject({
      kind: 'person',
      surname: 'Смирнов',
      name: 'Алексей',
      patronymic: 'Игоревич',
      birthDate: '1999-04-12',
      passport: { series: '4519', number: '123456', issueDate: '', issuer: '' },
      phone: '+7 916 123-45-67',
      address: { street: '' },
    })
    expect(draft.draft.contract.conclusionDate).toBe(today)
    const copied = (await msk.core.db('audit_log').where({ action: 'client.remote-copied' })) as Array<{
      entity_id: string
      after: string
    }>
    expect(copied.map((a) => [a.entity_id, JSON.parse(a.after)])).toEqual([
      [draft.id, { by: ['passport', 'phone'], answered: [`SPB-01/${remote.id}`] }],
    ])
    // Only the draft: the card comes with the issued policy (the Writer hook), as for any client typed in.
    expect(await count(msk, 'client')).toBe(0)

    // An id HQ does not answer for this identifier is refused.
    const other = await msk.call(
      'client/start-osago-for-remote',
      { query: '4519123456', remoteId: '01900000-0000-7000-8000-000000000000' },
      'c',
    )
    expect(other.ok || other.error.code).toBe('NOT_FOUND')
  }, 60_000)
})
