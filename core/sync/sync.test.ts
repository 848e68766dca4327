import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedFileDialogs } from '../files/fileDialogs'
import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { addStaff, ADMIN, establishBranch, makeDevice, outboxState, type Device } from './testing/syncHarness'

/**
 * Sync between branch devices and HQ on a real PostgreSQL cluster (started for this file, stopped after).
 * Each test gets its own database, HQ and devices.
 */
let pg: PgCluster
let n = 0
beforeAll(async () => {
  pg = await startPgCluster()
}, 60_000)
afterAll(async () => {
  await pg?.stop()
})

let hq: RunningHq
const devices: Device[] = []
async function freshHq(): Promise<RunningHq> {
  hq = await startHq({ databaseUrl: await pg.createDatabase(`sync_${++n}`) })
  return hq
}
async function device(): Promise<Device> {
  const d = await makeDevice()
  devices.push(d)
  return d
}
afterEach(async () => {
  for (const d of devices.splice(0)) await d.dispose()
  await hq?.close()
})

describe('enrolment, push and pull', () => {
  it('the first device establishes the branch; a fresh device joins it and signs staff in offline', async () => {
    await freshHq()
    const a = await device()
    await establishBranch(a)
    const clerkId = await addStaff(a, 'clerk', 'clerk1')
    const status = await a.ok(
      'sync/enrol',
      { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Касса 1' },
      'admin',
    )
    expect(status).toMatchObject({ state: 'idle', branchCode: 'MSK-01', pendingChanges: 4 })
    const run = await a.ok('sync/sync-now', undefined, 'admin')
    expect(run.ok).toBe(true)
    expect(run.status).toMatchObject({
      state: 'idle',
      online: true,
      pendingChanges: 0,
      issues: { total: 0, unseen: 0 },
    })
    expect(await outboxState(a)).toEqual({ pending: 0, accepted: 4, other: 0 })

    // HQ recorded who sent what: device, branch and the user who made each change.
    const logged = await hq.db('hq_change').where({ entity: 'staff', entity_id: clerkId }).orderBy('row_version')
    expect(
      logged.map((r: { changed_by: string | null; branch_code: string; status: string }) => [r.branch_code, r.status]),
    ).toEqual([
      ['MSK-01', 'accepted'],
      ['MSK-01', 'accepted'],
    ])
    expect(logged[1].changed_by).toBe(clerkId) // the clerk changed their own password
    expect(logged[0].device_id).toBe(status.deviceId)

    const b = await device()
    const joined = await b.ok('sync/enrol-new-device', {
      hqUrl: hq.url,
      code: await hq.enrolmentCode('MSK-01'),
      deviceName: 'Касса 2',
    })
    expect(joined).toMatchObject({ state: 'idle', branchCode: 'MSK-01', pendingChanges: 0 })
    expect(await b.ok('app/get-status', undefined)).toMatchObject({
      firstRun: false,
      branch: { code: 'MSK-01' },
      hq: { state: 'enrolled', branchCode: 'MSK-01', online: true },
    })
    // Offline sign-in on the new device with the password set on the first one.
    await hq.app.close()
    await b.ok('session/sign-in', { login: 'clerk1', password: 'Own12345' }, 'c')
    await b.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'admin')
    const offline = await b.ok('sync/sync-now', undefined, 'c')
    expect(offline).toMatchObject({
      ok: false,
      status: { state: 'offline', online: false, lastError: { key: 'sync.errors.unreachable' } },
    })
  })
})

describe('scoping, revocation and conflicts', () => {
  it('a device sees only its branch, cannot touch another branch’s record, and a revoked device is refused', async () => {
    await freshHq()
    const a = await device()
    await establishBranch(a, 'MSK-01')
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
    await a.ok('sync/sync-now', undefined, 'admin')
    const c = await device()
    await establishBranch(c, 'SPB-01')
    await c.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('SPB-01'), deviceName: 'C' }, 'admin')
    expect((await c.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)
    // Nothing of Moscow reached St Petersburg.
    expect((await c.core.db('staff')).map((s: { login: string }) => s.login)).toEqual(['admin'])
    expect(await c.core.db('branch')).toHaveLength(1)

    // A forged change to Moscow's admin (a tampered device) is refused and kept on the sync screen.
    const moscowAdmin = (await a.core.db('staff').where({ login: 'admin' }).first()) as Record<string, unknown>
    await c.core.db('outbox').insert({
      change_id: '01900000-0000-7000-8000-000000000001',
      entity: 'staff',
      entity_id: moscowAdmin.id,
      op: 'update',
      row_version: 2,
      data: JSON.stringify({ ...moscowAdmin, full_name: 'Взломщик', row_version: 2 }),
      changed_at: new Date().toISOString(),
      changed_by: null,
    })
    const run = await c.ok('sync/sync-now', undefined, 'admin')
    expect(run.status.issues).toEqual({ total: 1, unseen: 1 })
    const { items } = await c.ok('sync/list-issues', undefined, 'admin')
    expect(items[0]).toMatchObject({
      kind: 'rejected',
      entity: 'staff',
      reasonKey: 'sync.reasons.not-owner',
      winner: null,
      local: { full_name: 'Взломщик' },
    })
    expect((await hq.db('hq_record').where({ entity: 'staff', id: moscowAdmin.id }).first()).data).not.toContain(
      'Взломщик',
    )
    await c.ok('sync/mark-issue-seen', { id: items[0]!.id }, 'admin')
    expect((await c.ok('sync/get-status', undefined, 'admin')).issues).toEqual({ total: 1, unseen: 0 })

    // Revoked: refused on the next run, the state says so, nothing is lost; a new code brings it back.
    const { revokeDevice } = await import('../../hq/admin')
    await revokeDevice(hq.db, (await c.ok('sync/get-status', undefined, 'admin')).deviceId!, new Date())
    await c.ok(
      'staff/create-staff',
      { login: 'clerk9', fullName: 'Новый Сотрудник', role: 'clerk', password: 'Temp12345' },
      'admin',
    )
    const refused = await c.ok('sync/sync-now', undefined, 'admin')
    expect(refused).toMatchObject({
      ok: false,
      status: { state: 'revoked', pendingChanges: 1, lastError: { key: 'sync.errors.revoked' } },
    })
    await c.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('SPB-01'), deviceName: 'C again' }, 'admin')
    expect(await c.ok('sync/sync-now', undefined, 'admin')).toMatchObject({
      ok: true,
      status: { state: 'idle', pendingChanges: 0 },
    })
    // A code for another branch does not fit this device.
    const spent = await c.call(
      'sync/enrol',
      { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'C' },
      'admin',
    )
    expect(spent).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Код выдан для другого филиала' } })
  })

  it('the same record changed on two devices: HQ keeps the first, the loser is kept with what won and later edits follow it', async () => {
    await freshHq()
    const a = await device()
    await establishBranch(a)
    const clerkId = await addStaff(a, 'clerk', 'clerk1')
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
    await a.ok('sync/sync-now', undefined, 'admin')
    const b = await device()
    await b.ok('sync/enrol-new-device', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'B' })
    await b.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'admin')

    const version = async (d: Device) =>
      ((await d.core.db('staff').where({ id: clerkId }).first()) as { row_version: number }).row_version
    const v = await version(a)
    expect(await version(b)).toBe(v)
    await a.ok('staff/update-staff', { id: clerkId, rowVersion: v, fullName: 'Петров Павел (A)' }, 'admin')
    await b.ok('staff/update-staff', { id: clerkId, rowVersion: v, fullName: 'Петров Павел (B)' }, 'admin')
    await b.ok('staff/update-staff', { id: clerkId, rowVersion: v + 1, role: 'inspector' }, 'admin')
    expect((await a.ok('sync/sync-now', undefined, 'admin')).status.issues.total).toBe(0)
    const run = await b.ok('sync/sync-now', undefined, 'admin')
    expect(run.status).toMatchObject({ pendingChanges: 0, issues: { total: 2, unseen: 2 } })
    const { items } = await b.ok('sync/list-issues', undefined, 'admin')
    const byReason = Object.fromEntries(items.map((i) => [i.reasonKey, i]))
    expect(byReason['sync.reasons.stale']).toMatchObject({
      kind: 'conflict',
      local: { full_name: 'Петров Павел (B)' },
      winner: { full_name: 'Петров Павел (A)' },
    })
    expect(byReason['sync.reasons.follows-lost-change']).toMatchObject({
      kind: 'conflict',
      local: { role: 'inspector' },
    })
    // B now holds what won, and the next edit on B is based on it and accepted.
    expect(await b.core.db('staff').where({ id: clerkId }).first()).toMatchObject({
      full_name: 'Петров Павел (A)',
      role: 'clerk',
      row_version: v + 1,
    })
    await b.ok('staff/update-staff', { id: clerkId, rowVersion: v + 1, fullName: 'Петров Павел Олегович' }, 'admin')
    expect((await b.ok('sync/sync-now', undefined, 'admin')).status.issues.total).toBe(2)
    await a.ok('sync/sync-now', undefined, 'admin')
    expect(await a.core.db('staff').where({ id: clerkId }).first()).toMatchObject({
      full_name: 'Петров Павел Олегович',
      row_version: v + 2,
    })
  })
})

describe('what HQ decides and ships', () => {
  it('blanks assigned at HQ reach the branch; a policy on them is accepted and registered; a blank of another branch is refused', async () => {
    const { assignBlanks } = await import('../../hq/admin')
    const { registerPending } = await import('../../hq/registrationWorker')
    const { SimulatedNationalRegister } = await import('../../hq/national/simulatedNationalRegister')
    const { completeDraft } = await import('../../shared/osago/testing/completeDraft')
    const { todayIn } = await import('../../shared/dates/calendarDate')
    await freshHq()
    const a = await device()
    await establishBranch(a)
    await addStaff(a, 'clerk', 'clerk1', 'c')
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
    await hq.enrolmentCode('SPB-01')
    await assignBlanks(
      hq.db,
      { branchCode: 'MSK-01', series: 'ААК', fromNumber: '0000000101', toNumber: '0000000103' },
      new Date(),
    )
    await assignBlanks(
      hq.db,
      { branchCode: 'SPB-01', series: 'ВВВ', fromNumber: '0000000001', toNumber: '0000000001' },
      new Date(),
    )
    await a.ok('sync/sync-now', undefined, 'admin')
    expect(await a.ok('blanks/get-stock', undefined, 'admin')).toMatchObject({ totals: { received: 3, onHand: 3 } })

    const today = todayIn('Europe/Moscow', a.clock.now())
    const issue = async (blankId?: string) => {
      const p = await a.ok('osago/create-draft', undefined, 'c')
      const saved = await a.ok(
        'osago/save-draft',
        { id: p.id, rowVersion: p.rowVersion, draft: completeDraft(today) },
        'c',
      )
      const calc = await a.ok('osago/calculate-policy', { id: p.id, rowVersion: saved.rowVersion }, 'c')
      return a.ok(
        'osago/issue-policy',
        {
          id: p.id,
          rowVersion: calc.rowVersion,
          payment: { method: 'cash', receiptNumber: 'ФД 1', amountKopecks: calc.calculation!.premiumKopecks },
          ...(blankId ? { blankId } : {}),
        },
        'c',
      )
    }
    const good = await issue()
    expect((await a.ok('sync/sync-now', undefined, 'admin')).status).toMatchObject({
      pendingChanges: 0,
      issues: { total: 0 },
    })
    expect(await registerPending(hq.db, new SimulatedNationalRegister(), new Date())).toBe(1)
    await a.ok('sync/sync-now', undefined, 'admin')
    expect(await a.core.db('osago_registration').where({ policy_id: good.id }).first()).toMatchObject({
      status: 'registered',
      registration_id: expect.stringMatching(/^SIM-/),
    })

    // A client brings this policy to a St Petersburg office for termination: that branch finds it at HQ.
    const spb = await device()
    await establishBranch(spb, 'SPB-01')
    await spb.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('SPB-01'), deviceName: 'C' }, 'admin')
    const found = await spb.ok('sync/lookup-contracts', { number: good.blank!.number }, 'admin')
    expect(found).toEqual([
      expect.objectContaining({
        product: 'osago',
        id: good.id,
        branchCode: 'MSK-01',
        series: 'ААК',
        number: good.blank!.number,
        status: 'issued',
        policyholderName: expect.stringMatching(/Смирнов/),
      }),
    ])
    expect(await spb.ok('sync/lookup-contracts', { number: '9999999999' }, 'admin')).toEqual([])

    // The admin types in a range HQ gave to St Petersburg; the policy issued on it does not stand.
    await a.ok('blanks/receive-range', { series: 'ВВВ', fromNumber: '0000000001', toNumber: '0000000001' }, 'admin')
    const foreignBlank = (await a.core.db('policy_blank').where({ series: 'ВВВ' }).first()) as { id: string }
    const bad = await issue(foreignBlank.id)
    expect(bad.status).toBe('issued')
    const run = await a.ok('sync/sync-now', undefined, 'admin')
    expect(run.status.issues.total).toBe(3)
    const reasons = (await a.ok('sync/list-issues', undefined, 'admin')).items
      .map((i) => `${i.entity}:${i.reasonKey}`)
      .sort()
    expect(reasons).toEqual([
      'osago_policy:sync.reasons.blank-unknown',
      'policy_blank:sync.reasons.duplicate',
      'policy_blank:sync.reasons.follows-lost-change',
    ])
    // HQ's version of the policy (calculated, no blank) replaced the local one; nothing was silently dropped.
    expect(await a.core.db('osago_policy').where({ id: bad.id }).first()).toMatchObject({
      status: 'calculated',
      blank_id: null,
    })
    expect(await registerPending(hq.db, new SimulatedNationalRegister(), new Date())).toBe(0)
  })

  it('reference files published at HQ are installed on the device at once; one the app would refuse is kept as an issue', async () => {
    const { publishReference } = await import('../../hq/admin')
    const { readFileSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { RESOURCES_DIR } = await import('./testing/syncHarness')
    await freshHq()
    const a = await device()
    await establishBranch(a)
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
    const bundled = JSON.parse(
      readFileSync(join(RESOURCES_DIR, 'reference', 'purposes-of-use.json'), 'utf8'),
    ) as Record<string, unknown>
    const next = join(a.dir, 'next.json')
    writeFileSync(
      next,
      JSON.stringify({ ...bundled, version: 'hq-2027.1', effectiveFrom: '2027-01-01', effectiveTo: null }),
    )
    await publishReference(hq.db, next, new Date())
    const clash = join(a.dir, 'clash.json')
    writeFileSync(clash, JSON.stringify({ ...bundled, note: 'same version id, other content' }))
    await publishReference(hq.db, clash, new Date())

    const run = await a.ok('sync/sync-now', undefined, 'admin')
    expect(run.ok).toBe(true)
    expect(a.core.reference.versions['purposes-of-use'].map((v) => v.version)).toContain('hq-2027.1')
    const { items } = await a.ok('sync/list-issues', undefined, 'admin')
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'reference',
        entity: 'purposes-of-use',
        reasonKey: 'sync.reasons.reference-invalid',
      }),
    ])
    // The next start loads the installed file too, and is not stopped by the refused one.
    const { loadReferenceData } = await import('../reference/loadReferenceData')
    const reloaded = loadReferenceData({ bundledDir: RESOURCES_DIR, overrideDir: join(a.dir, 'reference-updates') })
    expect(reloaded.versions['purposes-of-use'].map((v) => v.version)).toContain('hq-2027.1')
  })
})

describe('offline transfer', () => {
  it('exports the outbox and files to a signed bundle, HQ imports it (twice changes nothing), the answer settles the device; tampering is refused', async () => {
    const { importBundle } = await import('../../hq/bundles')
    const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { createHash } = await import('node:crypto')
    await freshHq()
    const filesDir = join((await import('node:os')).tmpdir(), `bd-bundle-files-${process.pid}`)
    mkdirSync(filesDir, { recursive: true })
    const photo = Buffer.from('a photo of a scratched bumper')
    const sha = createHash('sha256').update(photo).digest('hex')
    writeFileSync(join(filesDir, sha), photo)
    const dialogs = new ScriptedFileDialogs()
    const a = await makeDevice({
      files: dialogs,
      sync: { blobSources: [{ name: 'files', list: async () => [sha], path: (s) => join(filesDir, s) }] },
    })
    devices.push(a)
    await establishBranch(a)
    await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
    // Weeks without a connection: the device never reaches HQ again before the bundle.
    await a.core.db('sync_state').where({ key: 'hq_url' }).update({ value: 'http://127.0.0.1:9' })
    await addStaff(a, 'clerk', 'clerk1', 'c')
    await a.ok('blanks/receive-range', { series: 'ААК', fromNumber: '0000000001', toNumber: '0000000010' }, 'admin')
    expect((await a.ok('sync/sync-now', undefined, 'admin')).ok).toBe(false)

    // The admin cancels the save dialog once: nothing is written or recorded; then saves to a USB stick.
    dialogs.answer(null, join(a.dir, 'stick', 'to-hq.bdbundle'))
    mkdirSync(join(a.dir, 'stick'))
    expect(await a.ok('sync/export-bundle', undefined, 'admin')).toEqual({ savedTo: null, changes: 14, files: 1 })
    expect(await a.core.db('audit_log').where({ action: 'sync.bundle-exported' })).toHaveLength(0)
    const exported = await a.ok('sync/export-bundle', undefined, 'admin')
    expect(exported).toEqual({ savedTo: join(a.dir, 'stick', 'to-hq.bdbundle'), changes: 14, files: 1 })
    expect(dialogs.asked[1]).toMatchObject({
      dialog: 'save',
      suggestedName: expect.stringMatching(/^branch-desk-.*\.bdbundle$/),
      kind: { extensions: ['bdbundle'] },
    })
    const text = readFileSync(exported.savedTo!, 'utf8')

    // Any change to the file is refused before anything is applied.
    const envelope = JSON.parse(text) as { payload: string }
    const flipped = JSON.stringify({
      ...envelope,
      payload: `${envelope.payload.slice(0, 40)}${envelope.payload[40] === 'A' ? 'B' : 'A'}${envelope.payload.slice(41)}`,
    })
    await expect(importBundle(hq.db, hq.blobDir, flipped, new Date())).rejects.toMatchObject({
      code: 'bundle-signature',
    })
    expect(await hq.db('hq_change').count({ n: '*' }).first()).toMatchObject({ n: '0' })

    const first = await importBundle(hq.db, hq.blobDir, text, new Date())
    expect(first.summary).toMatchObject({ changes: 14, accepted: 14, blobs: 1 })
    const second = await importBundle(hq.db, hq.blobDir, text, new Date())
    expect(second.summary).toMatchObject({ changes: 14, accepted: 14 })
    expect(await hq.db('hq_change').count({ n: '*' }).first()).toMatchObject({ n: '14' })
    expect(await hq.db('hq_blob').where({ sha256: sha, complete: true }).first()).toBeTruthy()

    const answerPath = join(a.dir, 'answer.bdbundle')
    const answer = JSON.parse(first.answer) as { hmac: string }
    writeFileSync(
      answerPath,
      JSON.stringify({ ...answer, hmac: answer.hmac.replace(/^./, (c) => (c === '0' ? '1' : '0')) }),
    )
    dialogs.answer(answerPath)
    expect(await a.call('sync/import-answer', undefined, 'admin')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Подпись файла не сходится') },
    })
    writeFileSync(answerPath, first.answer)
    dialogs.answer(null, answerPath)
    expect(await a.ok('sync/import-answer', undefined, 'admin')).toBeNull()
    expect(await a.ok('sync/import-answer', undefined, 'admin')).toMatchObject({
      accepted: 14,
      rejected: 0,
      conflicts: 0,
    })
    expect(await a.ok('sync/get-status', undefined, 'admin')).toMatchObject({ pendingChanges: 0, pendingFiles: 0 })
    expect(await outboxState(a)).toEqual({ pending: 0, accepted: 14, other: 0 })
  })
})
