import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import { ScriptedFileDialogs } from '../files/fileDialogs'
import { testJpeg, uploadPhoto } from '../inspection/testing/photos'
import { RecordingUpdater } from '../update/recordingUpdater'
import { ADMIN, call, expectOk, RESOURCES_DIR, setupBranch, signInAs } from '../testing/testCore'
import { readManifest, seriesFolder } from './backupFolder'
import { openSqlite } from './runBackup'

/** Local backups on a real core: the online backup, the photo pool, retention, the schedule and the first-run restore. */
let root: string
const cores: Core[] = []
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bd-backup-'))
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  rmSync(root, { recursive: true, force: true })
})

async function open(
  dataDir: string,
  opts: { clock?: ManualClock; files?: ScriptedFileDialogs; updater?: RecordingUpdater } = {},
) {
  const clock = opts.clock ?? new ManualClock(new Date('2026-12-05T15:00:00Z'))
  const files = opts.files ?? new ScriptedFileDialogs()
  const core = await createCore({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (u) => u.startsWith('app://branch-desk/'),
    clock,
    files,
    ...(opts.updater ? { update: { updater: opts.updater } } : {}),
  })
  cores.push(core)
  return { core, clock, files }
}

async function close(core: Core) {
  cores.splice(cores.indexOf(core), 1)
  await core.close()
}

let seed = 1
async function inspectionWithPhotos(core: Core, n: number): Promise<void> {
  const i = await expectOk(call(core, 'inspection/create', undefined, 'i'))
  for (let k = 0; k < n; k++)
    await expectOk(uploadPhoto(core, 'i', { inspectionId: i.id, shot: 'front' }, await testJpeg(seed++)))
}

const poolFiles = (series: string) =>
  existsSync(join(series, 'photos'))
    ? readdirSync(join(series, 'photos'), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
        .sort()
    : []

describe('backups', () => {
  it('copies the database online (integrity-checked, one file) and the photos once each into the folder the admin chose', async () => {
    const { core, files } = await open(join(root, 'data'))
    await setupBranch(core)
    await signInAs(core, 'admin', 'a')
    await signInAs(core, 'inspector', 'i')
    await inspectionWithPhotos(core, 2)
    const usb = join(root, 'usb')
    mkdirSync(usb)
    // Nothing happens before a folder is chosen.
    expect(await expectOk(call(core, 'backup/get-status', undefined, 'a'))).toMatchObject({
      folder: null,
      nextDueAt: null,
      schedule: { intervalHours: 24, keepDaily: 7, keepWeekly: 4 },
    })
    expect(await expectOk(call(core, 'backup/run-now', undefined, 'a'))).toMatchObject({
      ok: false,
      error: { key: 'backup.errors.noFolder' },
    })
    expect((await call(core, 'backup/get-status', undefined, 'i')).ok).toBe(false)

    files.answer(null, usb)
    expect(await expectOk(call(core, 'backup/choose-folder', undefined, 'a'))).toBeNull()
    const chosen = await expectOk(call(core, 'backup/choose-folder', undefined, 'a'))
    expect(files.asked).toEqual([
      { dialog: 'folder', title: 'Папка для резервных копий Branch Desk' },
      { dialog: 'folder', title: 'Папка для резервных копий Branch Desk' },
    ])
    expect(chosen).toMatchObject({ folder: usb, folderAvailable: true, nextDueAt: '1970-01-01T00:00:00.000Z' })

    const run = await expectOk(call(core, 'backup/run-now', undefined, 'a'))
    expect(run).toMatchObject({
      ok: true,
      trigger: 'manual',
      backupId: '2026-12-05T15-00-00Z',
      photos: 2,
      newPhotos: 2,
      missingPhotos: 0,
      removed: 0,
      error: null,
    })
    const series = seriesFolder(usb, 'MSK-01')
    const manifest = readManifest(join(series, run.backupId!))!
    expect(manifest).toMatchObject({
      branch: { code: 'MSK-01' },
      appVersion: '0.0.0-dev',
      photos: expect.any(Array),
      pendingChanges: expect.any(Number),
    })
    expect(manifest.migrations).toContain('20261205000014_backup')
    expect(poolFiles(series)).toHaveLength(6) // orig, normal, thumb of each photo

    // The copy is a self-contained database: no WAL beside it, integrity ok, the data as it was.
    expect(readdirSync(join(series, run.backupId!)).sort()).toEqual(['branch-desk.sqlite', 'manifest.json'])
    const copy = openSqlite(join(series, run.backupId!, 'branch-desk.sqlite'), { readonly: true })
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect((copy.prepare('SELECT count(*) AS n FROM inspection_photo').get() as { n: number }).n).toBe(2)
    copy.close()

    // A later backup copies only new photos; the audit log has what the admin did (scheduled runs only when they fail).
    await inspectionWithPhotos(core, 1)
    const second = await expectOk(call(core, 'backup/run-now', undefined, 'a'))
    // Both are of one day: the retention rule keeps that day's newest.
    expect(second).toMatchObject({ ok: true, backupId: '2026-12-05T15-00-00Z-2', photos: 3, newPhotos: 1, removed: 1 })
    expect(poolFiles(series)).toHaveLength(9)
    const audit = (await core
      .db('audit_log')
      .whereLike('action', 'backup.%')
      .select('action', 'actor_login')) as Array<{ action: string; actor_login: string }>
    expect(audit).toEqual([
      { action: 'backup.failed', actor_login: 'admin' },
      { action: 'backup.folder-chosen', actor_login: 'admin' },
      { action: 'backup.created', actor_login: 'admin' },
      { action: 'backup.created', actor_login: 'admin' },
    ])
    const status = await expectOk(call(core, 'backup/get-status', undefined, 'a'))
    expect(status).toMatchObject({
      lastSuccessAt: '2026-12-05T15:00:00.000Z',
      nextDueAt: '2026-12-06T15:00:00.000Z',
      running: false,
    })
    expect(status.backups.map((b) => b.id)).toEqual(['2026-12-05T15-00-00Z-2'])
  })

  it('runs on schedule, keeps what the retention rule keeps, drops photos no kept backup needs, retries a missing stick later', async () => {
    const clock = new ManualClock(new Date('2026-11-01T15:00:00Z'))
    const { core, files } = await open(join(root, 'data'), { clock })
    await setupBranch(core)
    await signInAs(core, 'admin', 'a')
    await signInAs(core, 'inspector', 'i')
    const usb = join(root, 'usb')
    mkdirSync(usb)
    files.answer(usb)
    await expectOk(call(core, 'backup/choose-folder', undefined, 'a'))
    await expectOk(call(core, 'backup/update-schedule', { intervalHours: 24, keepDaily: 3, keepWeekly: 2 }, 'a'))
    expect(
      await call(core, 'backup/update-schedule', { intervalHours: 3 as never, keepDaily: 3, keepWeekly: 2 }, 'a'),
    ).toMatchObject({ ok: false, error: { fieldErrors: { intervalHours: expect.any(String) } } })

    // An inspection whose photos are later removed: its files leave the pool once no kept backup names them.
    await inspectionWithPhotos(core, 1)
    const tick = () => core.backups.tick()
    expect(await tick()).toMatchObject({ ok: true, trigger: 'schedule' })
    expect(await tick()).toBeNull() // not due again within the day
    await core.db('inspection_photo').delete() // as if the draft's photo was removed (files are the store's)
    for (let day = 1; day <= 20; day++) {
      clock.advance(86_400_000)
      expect(await tick(), `day ${day}`).toMatchObject({ ok: true })
    }
    const series = seriesFolder(usb, 'MSK-01')
    const kept = readdirSync(series)
      .filter((n) => !n.startsWith('.') && n !== 'photos')
      .sort()
    // 3 daily (19–21 Nov… the last three days) + the newest of the 2 most recent weeks (one of them among the dailies).
    expect(kept).toEqual([
      '2026-11-15T15-00-00Z',
      '2026-11-19T15-00-00Z',
      '2026-11-20T15-00-00Z',
      '2026-11-21T15-00-00Z',
    ])
    // The first photo is in no kept backup; pool files younger than a day are kept (another computer may be writing).
    expect(poolFiles(series)).toHaveLength(3)
    for (const f of readdirSync(join(series, 'photos'), { recursive: true, withFileTypes: true }).filter((d) =>
      d.isFile(),
    )) {
      utimesSync(join(f.parentPath, f.name), new Date('2026-01-01'), new Date('2026-01-01'))
    }
    clock.advance(86_400_000)
    await tick()
    expect(poolFiles(series)).toHaveLength(0)

    // The stick is pulled out: the run fails, says why, and is retried after 30 minutes, not at every tick.
    rmSync(usb, { recursive: true, force: true })
    clock.advance(86_400_000)
    expect(await tick()).toMatchObject({ ok: false, error: { key: 'backup.errors.folderUnavailable' } })
    clock.advance(10 * 60_000)
    expect(await tick()).toBeNull()
    clock.advance(20 * 60_000)
    expect(await tick()).toMatchObject({ ok: false })
    // (The admin's screen locked itself meanwhile: the service is asked directly.)
    expect(await core.backups.status()).toMatchObject({ folderAvailable: false, lastRun: { ok: false } })
    const failures = (await core.db('audit_log').where({ action: 'backup.failed' }).count({ n: '*' }).first()) as {
      n: number
    }
    expect(Number(failures.n)).toBe(2)
  })

  it('restores at first run into a new data folder: integrity-checked, photos hash-checked, put in place at the next start', async () => {
    const { core } = await open(join(root, 'old'))
    await setupBranch(core)
    await signInAs(core, 'admin', 'a')
    await signInAs(core, 'inspector', 'i')
    await inspectionWithPhotos(core, 2)
    const usb = join(root, 'usb')
    mkdirSync(usb)
    const dialogs = new ScriptedFileDialogs()
    dialogs.answer(usb)
    const first = cores[0]!
    await close(first)
    const reopened = await open(join(root, 'old'), { files: dialogs })
    await expectOk(call(reopened.core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'a'))
    await expectOk(call(reopened.core, 'backup/choose-folder', undefined, 'a'))
    const run = await expectOk(call(reopened.core, 'backup/run-now', undefined, 'a'))
    const staffOld = await reopened.core.db('staff').orderBy('login').pluck('login')

    // The replacement computer: a fresh data folder, the first-run screen.
    const updater = new RecordingUpdater()
    const fresh = await open(join(root, 'new'), { files: new ScriptedFileDialogs(), updater })
    fresh.files.answer(null, join(usb, 'nothing-here'), usb)
    expect(await expectOk(call(fresh.core, 'backup/find-backups', undefined, 'x'))).toBeNull()
    expect(await expectOk(call(fresh.core, 'backup/find-backups', undefined, 'x'))).toEqual({
      folder: join(usb, 'nothing-here'),
      backups: [],
    })
    const found = await expectOk(call(fresh.core, 'backup/find-backups', undefined, 'x'))
    expect(found!.backups).toEqual([expect.objectContaining({ id: run.backupId, branchCode: 'MSK-01', photos: 2 })])
    expect(await call(fresh.core, 'backup/restore', { backupId: '2020-01-01T00-00-00Z' }, 'x')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })

    // A damaged photo in the pool is left out (HQ has it if it was uploaded); the rest is staged.
    const series = seriesFolder(usb, 'MSK-01')
    const manifest = readManifest(join(series, run.backupId!))!
    const victim = manifest.photos[0]!
    writeFileSync(join(series, 'photos', victim.slice(0, 2), `${victim}.orig`), 'not a photo')
    const result = await expectOk(call(fresh.core, 'backup/restore', { backupId: run.backupId! }, 'x'))
    expect(result).toEqual({
      backupId: run.backupId,
      createdAt: manifest.createdAt,
      branchCode: 'MSK-01',
      photos: 1,
      damagedPhotos: 1,
      missingPhotos: 0,
      canRelaunch: true,
    })
    // Nothing changes until the restart; then the shell restarts the app.
    expect(await fresh.core.db('branch')).toHaveLength(0)
    expect(await expectOk(call(fresh.core, 'backup/relaunch', undefined, 'x'))).toEqual({ relaunching: true })
    expect(updater.relaunches).toBe(1)
    await close(fresh.core)

    const restored = await open(join(root, 'new'))
    expect(await restored.core.db('staff').orderBy('login').pluck('login')).toEqual(staffOld)
    expect(existsSync(join(root, 'new', 'restore-staging'))).toBe(false)
    const photos = (await restored.core.db('inspection_photo').pluck('sha256')) as string[]
    const kept = photos.find((s) => s !== victim)!
    expect(existsSync(join(root, 'new', 'photos', kept.slice(0, 2), `${kept}.orig`))).toBe(true)
    expect(existsSync(join(root, 'new', 'photos', victim.slice(0, 2), `${victim}.orig`))).toBe(false)
    expect(await restored.core.db('audit_log').where({ action: 'backup.restored' }).first()).toMatchObject({
      actor_login: 'system',
    })
    // Restoring twice is refused: the computer is no longer at its first run.
    expect(await call(restored.core, 'backup/find-backups', undefined, 'x')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('refuses a backup whose database does not match its manifest or comes from a newer app', async () => {
    const { core, files } = await open(join(root, 'old'))
    await setupBranch(core)
    await signInAs(core, 'admin', 'a')
    const usb = join(root, 'usb')
    mkdirSync(usb)
    files.answer(usb)
    await expectOk(call(core, 'backup/choose-folder', undefined, 'a'))
    const run = await expectOk(call(core, 'backup/run-now', undefined, 'a'))
    const dir = join(seriesFolder(usb, 'MSK-01'), run.backupId!)
    const fresh = await open(join(root, 'new'))
    fresh.files.answer(usb, usb)
    await expectOk(call(fresh.core, 'backup/find-backups', undefined, 'x'))

    const db = readFileSync(join(dir, 'branch-desk.sqlite'))
    const flipped = Buffer.from(db)
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff
    writeFileSync(join(dir, 'branch-desk.sqlite'), flipped)
    expect(await call(fresh.core, 'backup/restore', { backupId: run.backupId! }, 'x')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('повреждена') },
    })
    writeFileSync(join(dir, 'branch-desk.sqlite'), db)

    // A newer app's migration in the copy (and the manifest re-hashed to match): refused, the app would not start on it.
    const conn = openSqlite(join(dir, 'branch-desk.sqlite'), {})
    conn
      .prepare("INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('20991231000001_future', 9, 0)")
      .run()
    conn.close()
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { database: { sha256: string } }
    const { createHash } = await import('node:crypto')
    manifest.database.sha256 = createHash('sha256')
      .update(readFileSync(join(dir, 'branch-desk.sqlite')))
      .digest('hex')
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    await expectOk(call(fresh.core, 'backup/find-backups', undefined, 'x'))
    expect(await call(fresh.core, 'backup/restore', { backupId: run.backupId! }, 'x')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('более новой версией') },
    })
    expect(existsSync(join(root, 'new', 'restore-staging'))).toBe(false)
  })
})
