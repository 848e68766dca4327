import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { todayIn } from '../../shared/dates/calendarDate'
import type { OsagoDraft } from '../../shared/osago/draft'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import { installReference } from '../sync/referenceUpdates'
import { call, expectOk, makeTestCore, RESOURCES_DIR, setupBranch, signInAs } from '../testing/testCore'
import { dueForRecheck, recheckIssuedPolicies } from './recheck'

/**
 * The KBM check end to end (issue 15 point 5): a real core on SQLite asks a real HQ (its named simulator, test
 * people in resources/hq/kbm-simulator.json: licence 7701000010 → class 10, 7701000005 → 5; anyone else → 3).
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let hq: RunningHq | null
let today: string
beforeEach(async () => {
  t = await makeTestCore()
  hq = null
  today = todayIn(BRANCH_TIME_ZONE, t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'admin')
  await expectOk(
    call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: '0000000101', toNumber: '0000000105' }, 'admin'),
  )
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => {
  await t.dispose()
  await hq?.close()
})

async function enrol() {
  hq = await startHq({ clock: t.clock })
  await expectOk(
    call(t.core, 'sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Касса' }, 'admin'),
  )
}

/** Two drivers the simulator knows, typed as first-time (class 3). */
function draftWithKnownDrivers(): OsagoDraft {
  const d = completeDraft(today)
  if (d.drivers.mode !== 'list') throw new Error('list expected')
  d.drivers.list[0]!.licence = { series: '77 01', number: '000010' }
  d.drivers.list[1]!.licence = { series: '7701', number: '000005' }
  return d
}

async function savedDraft(draft: OsagoDraft) {
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  return expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
}

async function issue(draft: OsagoDraft) {
  const saved = await savedDraft(draft)
  const calc = await expectOk(
    call(t.core, 'osago/calculate-policy', { id: saved.id, rowVersion: saved.rowVersion }, 'c'),
  )
  return expectOk(
    call(
      t.core,
      'osago/issue-policy',
      {
        id: saved.id,
        rowVersion: calc.rowVersion,
        payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
      },
      'c',
    ),
  )
}

const drivers = (draft: OsagoDraft) => (draft.drivers.mode === 'list' ? draft.drivers.list : [])

describe('kbm/check-draft', () => {
  it('writes each driver’s class from the register into the draft, with its request id, and the premium uses it', async () => {
    await enrol()
    const p = await savedDraft(draftWithKnownDrivers())
    const checked = await expectOk(
      call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft: p.draft }, 'c'),
    )
    expect(checked.status).toBe('draft')
    expect(drivers(checked.draft).map((d) => [d.kbmClass, d.kbmCheck?.source, d.kbmCheck?.document])).toEqual([
      ['10', 'ais', '7701000010'],
      ['5', 'ais', '7701000005'],
    ])
    for (const d of drivers(checked.draft)) {
      expect(d.kbmCheck?.requestId).toMatch(/^KBM-SIM-[0-9A-F]{12}$/)
      expect(d.kbmCheck?.checkedAt).toBe(t.clock.now().toISOString())
    }
    // Stored, not only answered: the policy read back has the classes; the check is audited with its request ids.
    const stored = await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, 'c'))
    expect(drivers(stored.draft).map((d) => d.kbmClass)).toEqual(['10', '5'])
    const audit = (await t.core.db('audit_log').where({ action: 'kbm.checked', entity_id: p.id })) as unknown[]
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0])).toContain(drivers(checked.draft)[0]!.kbmCheck!.requestId)
    // Classes other than 3 without a typed reason: the register's answer is the reason. The worst driver (class 5,
    // 0.91) sets the contract's KBM.
    const calc = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: p.id, rowVersion: checked.rowVersion }, 'c'),
    )
    expect(calc.calculation!.coefficients.kbm).toBe(0.91)
  })

  it('asks about the owner of an any-driver policy', async () => {
    await enrol()
    const draft = completeDraft(today)
    draft.drivers = { mode: 'unlimited', ownerKbmClass: '3' }
    draft.insured.passport = { ...draft.insured.passport, series: '45 10', number: '000006' }
    const p = await savedDraft(draft)
    const checked = await expectOk(call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
    expect(checked.draft.drivers).toMatchObject({
      mode: 'unlimited',
      ownerKbmClass: '6',
      ownerKbmCheck: { source: 'ais', class: '6', document: '4510000006' },
    })
  })

  it('offline or not enrolled: says so, and the typed class with its reason stays', async () => {
    const draft = draftWithKnownDrivers()
    drivers(draft)[0]!.kbmClass = '7'
    drivers(draft)[0]!.kbmReason = 'Справка из предыдущей компании'
    const p = await savedDraft(draft)
    const notEnrolled = await call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c')
    expect(notEnrolled).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!notEnrolled.ok && notEnrolled.error.message).toMatch(/не подключён/)
    await enrol()
    await hq!.app.close()
    const offline = await call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c')
    expect(offline).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!offline.ok && offline.error.message).toMatch(/Нет связи с центральным офисом/)
    const stored = await expectOk(call(t.core, 'osago/get-policy', { id: p.id }, 'c'))
    expect(drivers(stored.draft)[0]).toMatchObject({ kbmClass: '7', kbmReason: 'Справка из предыдущей компании' })
    expect(drivers(stored.draft)[0]!.kbmCheck ?? null).toBeNull()
  })

  it('refuses with the licence fields named when no one can be asked about; only the desk may ask', async () => {
    await enrol()
    const draft = completeDraft(today)
    for (const d of drivers(draft)) d.licence = { series: '', number: '' }
    const p = await savedDraft(draft)
    const r = await call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c')
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fieldErrors: { 'drivers.list.0.licence.number': 'validation.required' } },
    })
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'kbm/check-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('the re-check of issued policies after sync', () => {
  it('re-checks a policy issued with a typed class once, stores the answer and flags it when the class differs', async () => {
    // Issued before the device could reach HQ: the clerk typed class 5 with its reason; the register says 10.
    const draft = draftWithKnownDrivers()
    drivers(draft)[0]!.kbmClass = '5'
    drivers(draft)[0]!.kbmReason = 'Со слов клиента'
    const differing = await issue(draft)
    // The second typed its class right: the register says 3 for anyone it does not know.
    const same = await issue(completeDraft(today))
    expect(await expectOk(call(t.core, 'kbm/get-recheck', { id: differing.id }, 'c'))).toBeNull()

    await enrol()
    expect((await expectOk(call(t.core, 'sync/sync-now', undefined, 'admin'))).ok).toBe(true)
    const flagged = await expectOk(call(t.core, 'kbm/get-recheck', { id: differing.id }, 'c'))
    expect(flagged).toMatchObject({ differs: true, results: [{ ref: 'driver:0', typedClass: '5', class: '10' }, {}] })
    expect(flagged!.results[0]!.requestId).toMatch(/^KBM-SIM-/)
    expect(await expectOk(call(t.core, 'kbm/get-recheck', { id: same.id }, 'c'))).toMatchObject({ differs: false })
    expect(await expectOk(call(t.core, 'kbm/list-flagged', undefined, 'c'))).toMatchObject({
      items: [{ policyId: differing.id, policyNumber: differing.blank ? expect.stringContaining('ААК') : null }],
      more: false,
    })
    // The issued policy itself is unchanged: its premium stands.
    const policy = await expectOk(call(t.core, 'osago/get-policy', { id: differing.id }, 'c'))
    expect(drivers(policy.draft)[0]!.kbmClass).toBe('5')
    // Once: the next sync asks about nobody again.
    const before = await t.core.db('kbm_recheck').select()
    t.clock.advance(60_000)
    await expectOk(call(t.core, 'sync/sync-now', undefined, 'admin'))
    expect(await t.core.db('kbm_recheck').select()).toEqual(before)
  })

  it('picks the policies due from a range of the day index, not from every policy in force', async () => {
    // A policy concluded before the window is not asked about (those issued before an upgrade, above all).
    const old = await issue(completeDraft(today))
    t.clock.advance(31 * 86_400_000)
    expect(
      ((await dueForRecheck(t.core.db, todayIn(BRANCH_TIME_ZONE, t.clock.now()), 10, 30)) as unknown[]).length,
    ).toBe(0)
    t.clock.advance(-31 * 86_400_000)
    expect(await dueForRecheck(t.core.db, today, 10, 30)).toMatchObject([{ id: old.id }])
    const q = dueForRecheck(t.core.db, today, 10, 30).toSQL()
    const plan = (await t.core.db.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings as never)) as Array<{ detail: string }>
    expect(plan.map((r) => r.detail).join('; ')).toMatch(
      /SEARCH p USING INDEX osago_\w*day\w* \((status=\? AND )?<expr>>\?\)/,
    )
  })

  it('is bounded per run, skips a policy checked at the counter without a request, and waits while HQ is away', async () => {
    await enrol()
    const checkedAtCounter = await savedDraft(draftWithKnownDrivers())
    const checked = await expectOk(
      call(
        t.core,
        'kbm/check-draft',
        { id: checkedAtCounter.id, rowVersion: checkedAtCounter.rowVersion, draft: checkedAtCounter.draft },
        'c',
      ),
    )
    const calc = await expectOk(
      call(t.core, 'osago/calculate-policy', { id: checked.id, rowVersion: checked.rowVersion }, 'c'),
    )
    await expectOk(
      call(
        t.core,
        'osago/issue-policy',
        {
          id: calc.id,
          rowVersion: calc.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 2', amountKopecks: calc.calculation!.premiumKopecks },
        },
        'c',
      ),
    )
    const typed = [await issue(completeDraft(today)), await issue(completeDraft(today))]
    // HQ away (here: no client to ask with): only the policy checked at the counter is recorded, without a request.
    const away = { hqClientIfEnrolled: async () => null }
    expect(
      await recheckIssuedPolicies(t.core.db, away, t.clock.now(), BRANCH_TIME_ZONE, { windowDays: 30, perRun: 10 }),
    ).toBe(1)
    expect(await t.core.db('kbm_recheck').pluck('policy_id')).toEqual([checked.id])
    const row = (await t.core.db('kbm_recheck').where({ policy_id: checked.id }).first()) as { results: string }
    expect(JSON.parse(row.results)).toEqual([])
    // HQ back, one policy per run: the backlog is worked off over the runs.
    for (const expected of [1, 1, 0])
      expect(
        await recheckIssuedPolicies(t.core.db, t.core.sync, t.clock.now(), BRANCH_TIME_ZONE, {
          windowDays: 30,
          perRun: 1,
        }),
      ).toBe(expected)
    expect((await t.core.db('kbm_recheck').pluck('policy_id')).sort()).toEqual(
      [checked.id, ...typed.map((p) => p.id)].sort(),
    )
  })
})

describe('the re-check settings as data and the dismissal of a flag', () => {
  it('takes how many policies a run re-checks from the kbm-rules in force', async () => {
    expect(t.core.reference.versions['kbm-rules'].map((f) => f.data.recheck)).toEqual([
      { windowDays: expect.objectContaining({ value: 30 }), perRun: expect.objectContaining({ value: 10 }) },
    ])
    await issue(completeDraft(today))
    await issue(completeDraft(today))
    // HQ ships a version that asks about one policy per run.
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'rules', 'kbm.json'), 'utf8'))
    file.version = '2026-12-07.1'
    file.data.recheck.perRun.value = 1
    installReference(
      { bundledDir: RESOURCES_DIR, overrideDir: join(t.dir, 'reference-updates'), reference: t.core.reference },
      file.kind,
      file.version,
      JSON.stringify(file),
    )
    await enrol()
    await expectOk(call(t.core, 'sync/sync-now', undefined, 'admin'))
    expect(await t.core.db('kbm_recheck').count({ n: '*' }).first()).toEqual({ n: 1 })
  })

  it('lets the desk dismiss the «class differs» flag with a reason, audited, and drops it from the flagged list', async () => {
    const flagged = await issue(completeDraft(today))
    const confirmed = await issue(completeDraft(today))
    const result = { ref: 'driver:0', typedClass: '3', class: '10', requestId: 'KBM-SIM-0123456789ab', found: true }
    // The re-check's own rows (this device's table, core/kbm/recheck.ts writes them after a sync).
    await t.core.db('kbm_recheck').insert([
      { policy_id: flagged.id, checked_at: t.clock.now().toISOString(), differs: 1, results: JSON.stringify([result]) },
      { policy_id: confirmed.id, checked_at: t.clock.now().toISOString(), differs: 0, results: '[]' },
    ])
    expect((await expectOk(call(t.core, 'kbm/list-flagged', undefined, 'c'))).items).toHaveLength(1)

    const reason = 'Клиент принёс справку о КБМ, класс 3 подтверждён'
    await signInAs(t.core, 'inspector', 'i')
    expect(await call(t.core, 'kbm/dismiss-flag', { id: flagged.id, reason }, 'i')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(t.core, 'kbm/dismiss-flag', { id: flagged.id, reason: ' ' }, 'c')).toMatchObject({
      ok: false,
      error: { fieldErrors: { reason: 'validation.required' } },
    })
    expect(await call(t.core, 'kbm/dismiss-flag', { id: confirmed.id, reason }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'По этому полису КБМ не расходится с АИС ОСАГО — снимать нечего.' },
    })

    const dismissed = await expectOk(call(t.core, 'kbm/dismiss-flag', { id: flagged.id, reason }, 'c'))
    expect(dismissed).toMatchObject({
      differs: true,
      dismissed: { at: t.clock.now().toISOString(), byName: 'Сотрудник clerk1', reason },
    })
    expect(await expectOk(call(t.core, 'kbm/get-recheck', { id: flagged.id }, 'c'))).toEqual(dismissed)
    expect(await expectOk(call(t.core, 'kbm/list-flagged', undefined, 'c'))).toEqual({ items: [], more: false })
    expect(await call(t.core, 'kbm/dismiss-flag', { id: flagged.id, reason }, 'c')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Отметка о расхождении КБМ уже снята.' },
    })
    // Audited through the Writer: who, when, why, the classes it was about; nothing goes to HQ (the table is local).
    const audit = (await t.core.db('audit_log').where({ action: 'kbm.flag-dismissed' })) as Array<{
      entity: string
      entity_id: string
      before: string
      after: string
    }>
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity: 'osago_policy', entity_id: flagged.id })
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ dismiss_reason: reason, differs: 1 })
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ dismissed_at: null })
    expect(await t.core.db('outbox').where({ entity: 'kbm_recheck' })).toEqual([])
  })
})
