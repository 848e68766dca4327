import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates/calendarDate'
import { quotedCase, submittedCase, submittedInspection, today } from '../casco/testing/cascoCase'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  await signInAs(t.core, 'clerk', 'c2', 'clerk2')
  await signInAs(t.core, 'inspector', 'i')
  await signInAs(t.core, 'supervisor', 's')
  await signInAs(t.core, 'admin', 'a')
})
afterEach(async () => t.dispose())

const work = (client: string, limit?: number) =>
  expectOk(call(t.core, 'home/get-work', limit === undefined ? undefined : { limit }, client))

/** An OSAGO policy straight into the table: only its status and dates matter to the renewals. */
async function policy(id: string, status: string, endDate: string | null, terminatedOn: string | null = null) {
  const at = '2026-01-10T10:00:00.000Z'
  await t.core.db('osago_policy').insert({
    id,
    created_at: at,
    updated_at: at,
    status,
    end_date: endDate,
    terminated_on: terminatedOn,
    insured_name: `Страхователь ${id}`,
    plate: 'А001АА77',
    policy_series: 'ХХХ',
    policy_number: `00000000${id.length}${id.charCodeAt(0) % 10}`,
  })
}

describe('home/get-work (issue 14)', () => {
  it("gives each role only its own part of the day's work", async () => {
    // The clerk's unfinished records: an OSAGO draft, a CASCO quote priced but not submitted; another clerk's are not theirs.
    const osago = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
    await expectOk(call(t.core, 'osago/create-draft', undefined, 'c2'))
    t.clock.advance(60_000)
    const quoted = await quotedCase(t.core, 'c')
    // A case decided for the clerk, and one waiting for the supervisor.
    const decided = await submittedCase(t.core, 'c')
    await submittedInspection(t.core, 'i', decided.id)
    const c = await expectOk(call(t.core, 'approval/get-case', { quoteId: decided.id }, 's'))
    await expectOk(
      call(
        t.core,
        'approval/decide',
        {
          quoteId: decided.id,
          quoteRowVersion: c.quote.rowVersion,
          decision: 'approved',
          validUntil: addDays(today(t.core), 10),
        },
        's',
      ),
    )
    const waiting = await submittedCase(t.core, 'c2')
    // The inspector's own draft report.
    const inspection = await expectOk(call(t.core, 'inspection/create', { quoteId: quoted.id }, 'i'))

    const clerk = await work('c')
    expect(clerk.today).toBe(today(t.core))
    expect(clerk.drafts!.items.map((x) => [x.kind, x.id, x.status])).toEqual(
      expect.arrayContaining([
        ['osago', osago.id, 'draft'],
        ['casco', quoted.id, 'quoted'],
      ]),
    )
    expect(clerk.drafts!.items).toHaveLength(2)
    // Newest change first.
    expect([...clerk.drafts!.items].sort((a, b) => (a.at < b.at ? 1 : -1))).toEqual(clerk.drafts!.items)
    expect(clerk.drafts!.items.find((x) => x.id === quoted.id)).toMatchObject({
      title: 'Смирнов Алексей Игоревич',
      detail: 'Kia Rio · А123ВС777',
    })
    expect(clerk.cases!.items.map((x) => [x.id, x.status])).toEqual([[decided.id, 'approved']])
    // Deciding is the supervisor's; the counter renews OSAGO.
    expect(clerk.waiting).toBeNull()
    expect(clerk.renewals).toMatchObject({ days: 60, items: [], more: false })

    const other = await work('c2')
    expect(other.drafts!.items.map((x) => x.kind)).toEqual(['osago'])
    expect(other.cases!.items).toEqual([])

    const supervisor = await work('s')
    expect(supervisor.waiting!.items.map((x) => [x.kind, x.id, x.status])).toEqual([['casco', waiting.id, 'submitted']])

    const inspector = await work('i')
    expect(inspector.drafts!.items.map((x) => [x.kind, x.id])).toEqual([['inspection', inspection.id]])
    expect(inspector.drafts!.items[0]).toMatchObject({ title: 'Смирнов Алексей Игоревич' })
    expect(inspector.cases!.items).toEqual([])
    expect(inspector.waiting).toBeNull()
    expect(inspector.renewals).toBeNull()

    // The admin sells nothing, inspects nothing and decides nothing: the branch's own work instead (tests below).
    expect(await work('a')).toMatchObject({ drafts: null, cases: null, waiting: null, renewals: null })
  })

  it('keeps each list short and says which kinds have more', async () => {
    for (let i = 0; i < 3; i++) {
      await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
      t.clock.advance(60_000)
    }
    await quotedCase(t.core, 'c')
    const two = await work('c', 2)
    expect(two.drafts!.items).toHaveLength(2)
    expect(two.drafts!.more.sort()).toEqual(['osago'])
    const all = await work('c', 10)
    expect(all.drafts!.items).toHaveLength(4)
    expect(all.drafts!.more).toEqual([])
  })

  it('lists the policies in force ending within 60 days, soonest first', async () => {
    const d = today(t.core)
    await policy('late', 'issued', addDays(d, 45))
    await policy('soon', 'printed', addDays(d, 3))
    await policy('today', 'issued', d)
    await policy('beyond', 'issued', addDays(d, 61))
    await policy('ended', 'issued', addDays(d, -1))
    await policy('terminated', 'issued', addDays(d, 10), addDays(d, -5))
    await policy('draft', 'draft', addDays(d, 5))
    await policy('discarded', 'discarded', addDays(d, 5))
    // Renewed already (core/renewal): its renewal is issued; a renewal only started (a draft) keeps it listed.
    await policy('renewed', 'issued', addDays(d, 20))
    await t.core.db('osago_policy').where({ id: 'discarded' }).update({ renews_policy_id: 'renewed' })
    await policy('its-renewal', 'issued', addDays(d, 385))
    await t.core.db('osago_policy').where({ id: 'its-renewal' }).update({ renews_policy_id: 'renewed' })
    const r = (await work('c')).renewals!
    expect(r.items.map((x) => [x.id, x.daysLeft])).toEqual([
      ['today', 0],
      ['soon', 3],
      ['late', 45],
    ])
    expect(r.items[0]).toMatchObject({ insuredName: 'Страхователь today', plate: 'А001АА77', endDate: d })
    expect(r.items[0]!.policyNumber).toMatch(/^ХХХ \d{10}$/)
    expect(r.more).toBe(false)
    const one = (await work('s', 1)).renewals!
    expect(one.items.map((x) => x.id)).toEqual(['today'])
    expect(one.more).toBe(true)
  })
})

describe("home/get-work: the branch admin's day (issue 14)", () => {
  const keys = async () => (await work('a')).attention!.items.map((i) => i.key)
  const hoursAgo = (h: number) => new Date(t.clock.now().getTime() - h * 3_600_000).toISOString()
  const syncState = (key: string, value: string) =>
    t.core.db('sync_state').insert({ key, value }).onConflict('key').merge()

  it('is the admin’s alone', async () => {
    for (const client of ['c', 'i', 's']) expect((await work(client)).attention).toBeNull()
    expect((await work('a')).attention).not.toBeNull()
  })

  it('calls out blanks: none at all, a series below the level, policies holding a blank without their print', async () => {
    expect(await keys()).toContain('blanksNone')
    // The level is reference data (resources/rules/branch-attention.json: 50 a series).
    await expectOk(
      call(t.core, 'blanks/receive-range', { series: 'ХХХ', fromNumber: '0000000001', toNumber: '0000000049' }, 'a'),
    )
    await expectOk(
      call(t.core, 'blanks/receive-range', { series: 'ААВ', fromNumber: '0000000001', toNumber: '0000000050' }, 'a'),
    )
    await expectOk(
      call(t.core, 'blanks/receive-range', { series: 'ТТТ', fromNumber: '0000000001', toNumber: '0000000003' }, 'a'),
    )
    let a = (await work('a')).attention!
    expect(a.items.filter((i) => i.section === 'blanks')).toEqual([
      expect.objectContaining({ key: 'blanksLow', level: 'warning', params: { series: 'ТТТ', onHand: 3, min: 50 } }),
      expect.objectContaining({ key: 'blanksLow', params: { series: 'ХХХ', onHand: 49, min: 50 } }),
    ])
    // Only `limit` series are listed; the blanks screen has the rest.
    a = (await work('a', 1)).attention!
    expect(a.items.filter((i) => i.key === 'blanksLow').map((i) => i.params.series)).toEqual(['ТТТ'])
    expect(a.more).toContain('blanks')

    const issued = async (id: string, status: string, issuedAt: string) => {
      const at = t.clock.now().toISOString()
      await t.core.db('osago_policy').insert({ id, created_at: at, updated_at: at, status, issued_at: issuedAt })
    }
    await issued('today', 'issued', hoursAgo(2))
    await issued('printed', 'printed', hoursAgo(50))
    expect(await keys()).not.toContain('blanksUnprinted')
    await issued('yesterday', 'issued', hoursAgo(25))
    await issued('long-ago', 'issued', hoursAgo(24 * 10))
    expect((await work('a')).attention!.items.find((i) => i.key === 'blanksUnprinted')).toMatchObject({
      section: 'blanks',
      params: { count: 2, days: 1 },
    })
  })

  it('calls out the exchange with HQ: not connected, never or long ago, failing, revoked, issues unseen', async () => {
    expect((await keys()).filter((k) => k.startsWith('sync'))).toEqual(['syncNotEnrolled'])
    await syncState('device_id', 'dev-1')
    expect((await keys()).filter((k) => k.startsWith('sync'))).toEqual(['syncNever'])
    await syncState('last_success_at', hoursAgo(3))
    expect((await keys()).filter((k) => k.startsWith('sync'))).toEqual([])
    // HQ unreachable for a while: retried on its own, nothing to do until it lasts (24 h in the reference data).
    await syncState('last_error', JSON.stringify({ key: 'sync.errors.unreachable', params: {} }))
    expect((await keys()).filter((k) => k.startsWith('sync'))).toEqual([])
    await syncState('last_success_at', hoursAgo(30))
    const stale = (await work('a')).attention!.items.find((i) => i.key === 'syncStale')
    expect(stale).toMatchObject({ section: 'sync', level: 'warning', params: { hours: 24 }, at: hoursAgo(30) })

    await syncState('last_success_at', hoursAgo(1))
    await syncState('last_attempt_at', hoursAgo(0))
    await syncState('last_error', JSON.stringify({ key: 'sync.errors.refused', params: { code: 'bad-request' } }))
    expect((await work('a')).attention!.items[0]).toMatchObject({
      key: 'syncFailing',
      level: 'error',
      reason: { key: 'sync.errors.refused', params: { code: 'bad-request' } },
    })
    await syncState('last_error', JSON.stringify({ key: 'sync.errors.revoked', params: {} }))
    expect((await keys()).filter((k) => k.startsWith('sync'))).toEqual(['syncRevoked'])
    await t.core.db('sync_state').where({ key: 'last_error' }).delete()

    const issue = (id: string, seenAt: string | null) =>
      t.core.db('sync_issue').insert({
        id,
        kind: 'rejected',
        entity: 'osago_policy',
        entity_id: id,
        reason_code: 'invalid-data',
        reason_params: '{}',
        recorded_at: hoursAgo(1),
        seen_at: seenAt,
      })
    await issue('seen', hoursAgo(0))
    expect(await keys()).not.toContain('syncIssues')
    await issue('new-1', null)
    await issue('new-2', null)
    expect((await work('a')).attention!.items.find((i) => i.key === 'syncIssues')).toMatchObject({
      section: 'sync',
      params: { count: 2 },
    })
  })

  it('calls out staff locked out by wrong passwords and passwords the admin gave not yet replaced', async () => {
    const staffKeys = async () =>
      (await work('a')).attention!.items.filter((i) => i.section === 'staff').map((i) => [i.key, i.params.login])
    // Everyone signed in by the suite changed the password given to them.
    expect(await staffKeys()).toEqual([])
    await expectOk(
      call(
        t.core,
        'staff/create-staff',
        { login: 'newbie', fullName: 'Новикова Анна', role: 'clerk', password: 'Temp12345' },
        'a',
      ),
    )
    let refused: unknown
    for (let i = 0; i < 20; i++) {
      const r = await call(t.core, 'session/sign-in', { login: 'clerk2', password: 'wrong-one' }, 'x')
      refused = !r.ok && r.error.code
      if (refused === 'ACCOUNT_LOCKED') break
    }
    expect(refused).toBe('ACCOUNT_LOCKED')
    expect(await staffKeys()).toEqual([
      ['staffLocked', 'clerk2'],
      ['staffPasswordPending', 'newbie'],
    ])
    // The lock-out ends on its own (a day later the admin's screen has locked too: a fresh sign-in asks).
    t.clock.advance(24 * 3_600_000)
    await signInAs(t.core, 'admin', 'a-next-day')
    expect((await work('a-next-day')).attention!.items.filter((i) => i.section === 'staff').map((i) => i.key)).toEqual([
      'staffPasswordPending',
    ])
  })

  it('calls out backups: no folder chosen, the last run failed', async () => {
    expect((await work('a')).attention!.items.filter((i) => i.section === 'settings')).toEqual([
      expect.objectContaining({ key: 'backupNoFolder', level: 'warning' }),
    ])
    const state = (key: string, value: unknown) =>
      t.core
        .db('backup_state')
        .insert({ key, value: JSON.stringify(value) })
        .onConflict('key')
        .merge()
    await state('folder', t.dir)
    expect(await keys()).not.toContain('backupNoFolder')
    await state('last_run', { at: hoursAgo(1), trigger: 'schedule', ok: false, backupId: null })
    expect((await work('a')).attention!.items.find((i) => i.section === 'settings')).toMatchObject({
      key: 'backupFailed',
      level: 'error',
      at: hoursAgo(1),
    })
  })

  it('puts errors first', async () => {
    const levels = (await work('a')).attention!.items.map((i) => i.level)
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)))
    expect(levels).toContain('error')
    expect(levels).toContain('warning')
  })
})
