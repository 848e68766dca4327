import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import { ScriptedFileDialogs } from '../files/fileDialogs'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import { RESOURCES_DIR, TRUSTED_URL } from '../testing/testCore'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { revokeDevice } from '../../hq/admin'

/**
 * A dead disk: the branch's computer made a backup, kept working (some of it synced, some not), then died. A
 * replacement computer restores the backup into a new data folder, enrols with HQ for the same branch and syncs:
 * HQ ends with every change exactly once, what was synced after the backup comes back by pull, and only what
 * never left the dead computer is lost.
 */
let hq: RunningHq
let root: string
const open: Core[] = []
beforeEach(async () => {
  hq = await startHq()
  root = mkdtempSync(join(tmpdir(), 'bd-replace-'))
})
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
  await hq.close()
  rmSync(root, { recursive: true, force: true })
})

const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }

async function computer(dataDir: string, files: ScriptedFileDialogs, clock: ManualClock) {
  const core = await createCore({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (u) => u.startsWith('app://branch-desk/'),
    clock,
    files,
    sync: { deviceName: 'ПК' },
  })
  open.push(core)
  const ok = async <C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
    clientId = 'admin',
  ): Promise<ChannelOutput<C>> => {
    const r = await core.dispatch(channel, input, { clientId, senderUrl: TRUSTED_URL, isMainFrame: true })
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value as ChannelOutput<C>
  }
  return { core, ok }
}

const staffLogins = async (core: Core) => (await core.db('staff').orderBy('login').pluck('login')) as string[]
const addClerk = (ok: Awaited<ReturnType<typeof computer>>['ok'], login: string) =>
  ok('staff/create-staff', { login, fullName: `Сотрудник ${login}`, role: 'clerk', password: 'Temp12345' })

describe('a replacement computer takes over from HQ and the last backup', () => {
  it('replays the restored outbox without duplicates, pulls what was synced after the backup, loses only what never left', async () => {
    const clock = new ManualClock(new Date('2026-12-05T09:00:00Z'))
    const usb = join(root, 'usb')
    mkdirSync(usb)
    const oldFiles = new ScriptedFileDialogs()
    const old = await computer(join(root, 'old'), oldFiles, clock)
    await old.ok('setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
      admin: ADMIN,
    })
    await old.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password })
    await old.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Старый ПК' })
    expect((await old.ok('sync/sync-now', undefined)).ok).toBe(true)

    // Made before the backup and not yet sent: the backup holds them as pending outbox rows.
    await addClerk(old.ok, 'before-backup')
    // The old computer's chain of issued documents (its own, device-local) goes into the backup too.
    await old.core
      .db('document_ledger_chain')
      .insert({ chain_id: 'old-computer-chain', created_at: '2026-12-01T09:00:00.000Z' })
    oldFiles.answer(usb)
    await old.ok('backup/choose-folder', undefined)
    const backup = await old.ok('backup/run-now', undefined)
    expect(backup).toMatchObject({ ok: true })
    const pendingInBackup = (await old.ok('backup/get-status', undefined)).backups[0]!.pendingChanges
    expect(pendingInBackup).toBeGreaterThanOrEqual(1)

    // The old computer keeps working and syncs: HQ has the pre-backup change from it, and a later one.
    clock.advance(60_000)
    await addClerk(old.ok, 'synced-after')
    expect((await old.ok('sync/sync-now', undefined)).ok).toBe(true)
    // …and one more that never reaches HQ before the disk dies.
    await addClerk(old.ok, 'never-sent')
    const oldDevice = (await old.core.db('sync_state').where({ key: 'device_id' }).first()) as { value: string }
    const changesAtHq = Number(((await hq.db('hq_change').count({ n: '*' }).first()) as { n: number }).n)
    await old.core.close()
    open.splice(open.indexOf(old.core), 1)
    // HQ's admin revokes the dead computer.
    await revokeDevice(hq.db, oldDevice.value, new Date())

    // The replacement: first run, restore from the stick, restart.
    const newFiles = new ScriptedFileDialogs()
    let fresh = await computer(join(root, 'new'), newFiles, clock)
    newFiles.answer(usb)
    const found = await fresh.ok('backup/find-backups', undefined, 'x')
    await fresh.ok('backup/restore', { backupId: found!.backups[0]!.id }, 'x')
    await fresh.core.close()
    open.splice(open.indexOf(fresh.core), 1)
    fresh = await computer(join(root, 'new'), newFiles, clock)
    expect(await staffLogins(fresh.core)).toEqual(['admin', 'before-backup'])
    // Not the old computer's device at HQ: it must enrol again; the pull position is kept.
    const state = Object.fromEntries(
      ((await fresh.core.db('sync_state').select('key', 'value')) as Array<{ key: string; value: string }>).map((r) => [
        r.key,
        r.value,
      ]),
    )
    expect(state).toMatchObject({ hq_url: hq.url, branch_code: 'MSK-01', cursor: expect.any(String) })
    expect(state.device_id).toBeUndefined()
    // …and it does not continue the old computer's chain of issued documents: HQ holds that chain past the backup.
    expect(await fresh.core.db('document_ledger_chain').pluck('chain_id')).toEqual([])

    await fresh.ok('session/sign-in', { login: ADMIN.login, password: ADMIN.password })
    expect((await fresh.ok('sync/get-status', undefined)).state).toBe('not-enrolled')
    await fresh.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Новый ПК' })
    const run = await fresh.ok('sync/sync-now', undefined)
    expect(run).toMatchObject({ ok: true, status: { pendingChanges: 0, issues: { total: 0 } } })

    // HQ has every change exactly once: the replayed ones were answered from its log, nothing was added twice.
    expect(Number(((await hq.db('hq_change').count({ n: '*' }).first()) as { n: number }).n)).toBe(changesAtHq)
    const changeIds = (await hq.db('hq_change').pluck('change_id')) as string[]
    expect(new Set(changeIds).size).toBe(changeIds.length)
    const staffAtHq = ((await hq.db('hq_record').where({ entity: 'staff' }).pluck('data')) as string[])
      .map((d) => (JSON.parse(d) as { login: string }).login)
      .sort()
    expect(staffAtHq).toEqual(['admin', 'before-backup', 'synced-after'])
    // The restored outbox is all answered as accepted, and what the old computer synced after the backup came back.
    const outcomes = (await fresh.core.db('outbox').pluck('outcome')) as Array<string | null>
    expect(outcomes.every((o) => o === 'accepted')).toBe(true)
    expect(await staffLogins(fresh.core)).toEqual(['admin', 'before-backup', 'synced-after'])

    // Work goes on from the new computer, once.
    await addClerk(fresh.ok, 'after-restore')
    expect((await fresh.ok('sync/sync-now', undefined)).ok).toBe(true)
    expect(Number(((await hq.db('hq_change').count({ n: '*' }).first()) as { n: number }).n)).toBeGreaterThan(
      changesAtHq,
    )
  })
})
