/**
 * The core's own process in the built app (issue 10, «never freezes»): the main process starts out/main/coreHost.js
 * with utilityProcess.fork (a real child here, through the stand-in), keeps no database and no native module of
 * the core, registers every channel and gets each answer from the child; a child that dies is logged and started
 * again; quitting waits until the core has closed the database.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CHANNELS } from '../../shared/contract'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { app, standIn, type FakeBrowserWindow, type FakeUtilityProcess } from './electronStandIn'
import { loadMain, logEntries, prepare, shutDown, waitForMainWindow, type SmokeLayout } from './harness'

type Answer<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

let layout: SmokeLayout
let win: FakeBrowserWindow

const call = async <T>(channel: string, input: unknown) =>
  (await standIn.invoke(channel, input, { window: win })) as Answer<T>
const ok = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await call<T>(channel, input)
  assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`)
  return r.value
}
const liveChildren = (): FakeUtilityProcess[] =>
  standIn.state.children.filter((c) => c.child.exitCode === null && c.child.signalCode === null)
/** Files a process holds open (Linux /proc): the database is the core's, never the main process's. */
const openFiles = (pid: number | string): string[] =>
  readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`)
    } catch {
      return ''
    }
  })
const nativeModules = (pid: number | string): string[] =>
  readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('.node'))
    .map((l) => l.slice(l.indexOf('/')))

before(async () => {
  layout = prepare({ packaged: true })
  await loadMain()
  standIn.becomeReady()
  win = await waitForMainWindow()
})

after(async () => {
  await shutDown(layout)
})

describe('the core in its own process', () => {
  it('is started with utilityProcess.fork from the built coreHost.js', () => {
    const forks = standIn.calls('utilityProcess.fork')
    assert.equal(forks.length, 1)
    const modulePath = forks[0]!.args[0] as string
    assert.match(modulePath, /out[\\/]main[\\/]coreHost\.js$/u)
    assert.ok(existsSync(modulePath))
    assert.equal(liveChildren().length, 1)
  })

  it('registers every contract channel, and first run → sign-in → an OSAGO quote is answered by the child', async () => {
    assert.deepEqual([...standIn.state.ipcHandlers.keys()].sort(), [...CHANNELS].sort())
    assert.equal((await ok<{ firstRun: boolean }>('app/get-status', undefined)).firstRun, true)
    await ok('setup/create-branch', {
      branch: { code: 'SMK-02', name: 'Филиал «Процесс»', city: 'Москва' },
      admin: { login: 'admin', fullName: 'Петрова Анна Сергеевна', password: 'Admin12345' },
    })
    await ok('session/sign-in', { login: 'admin', password: 'Admin12345' })
    await ok('staff/create-staff', {
      login: 'clerk1',
      fullName: 'Сидоров Олег Иванович',
      role: 'clerk',
      password: 'Temp12345',
    })
    await ok('session/sign-out', undefined)
    await ok('session/sign-in', { login: 'clerk1', password: 'Temp12345' })
    await ok('session/change-password', { currentPassword: 'Temp12345', newPassword: 'Own12345' })
    const quote = await ok<{ ok: boolean; premium?: { premiumKopecks: number } }>('osago/quote-premium', {
      draft: completeDraft(todayIn('Europe/Moscow', new Date())),
    })
    assert.equal(quote.ok, true)
    assert.ok(quote.premium!.premiumKopecks > 0)

    const database = join(layout.userData, 'branch-desk.sqlite')
    const childPid = liveChildren()[0]!.child.pid!
    assert.ok(openFiles(childPid).includes(database), "the core's process holds the database")
    // Twice: the core's connection and its checkpoint worker's (core/db/walCheckpointer.ts), which the built core
    // starts from its bundle with better-sqlite3 resolved there.
    await standIn.waitFor(
      () => openFiles(childPid).filter((f) => f === database).length === 2,
      'the checkpoint worker has the database open',
    )
    assert.ok(!logEntries(layout.logs).some((e) => /WAL checkpoint worker/u.test(e.msg)))
    assert.ok(!openFiles('self').includes(database), 'the main process does not')
    assert.ok(nativeModules(childPid).some((p) => p.endsWith('better_sqlite3.node')))
    assert.deepEqual(
      nativeModules('self').filter((p) => /better_sqlite3|sharp/u.test(p)),
      [],
      'no native module of the core in the main process',
    )
  })

  it('a core process that dies mid-call: the window gets an error it can show, the death is logged, the core starts again', async () => {
    await ok('session/sign-out', undefined)
    await ok('session/sign-in', { login: 'admin', password: 'Admin12345' })
    const first = liveChildren()[0]!
    // A PDF takes the core a while: the call is still in the child when it is killed.
    const pending = call('print/preview-document', { kind: 'print-calibration' })
    first.child.kill('SIGKILL')
    const answer = await pending
    assert.deepEqual(answer, {
      ok: false,
      error: {
        code: 'INTERNAL',
        message:
          'Операция прервана: рабочая часть программы перезапускается. Проверьте, сохранились ли изменения, и повторите',
      },
    })
    await standIn.waitFor(
      () => standIn.calls('utilityProcess.fork').length === 2 && liveChildren().length === 1,
      'the core started again',
    )
    // Data kept, sessions (in memory) gone: the window signs in again.
    const status = await ok<{ firstRun: boolean; branch: { code: string } }>('app/get-status', undefined)
    assert.equal(status.firstRun, false)
    assert.equal(status.branch.code, 'SMK-02')
    assert.deepEqual(await ok('session/get-session', undefined), { status: 'signed-out' })
    const logged = logEntries(layout.logs).map((e) => e.msg)
    assert.ok(
      logged.some((m) => /The core.s process stopped unexpectedly \(exit code [^)]*\); starting it again/u.test(m)),
      logged.join('\n'),
    )
  })

  it('quitting waits for the core to close the database, then quits', async () => {
    await ok('session/sign-in', { login: 'admin', password: 'Admin12345' })
    const core = liveChildren()[0]!
    const exited = new Promise<number | null>((r) => core.child.once('exit', (code) => r(code)))
    let quitEvents = 0
    app.on('quit', () => quitEvents++)
    app.quit()
    // The first will-quit is held back while the core closes.
    assert.equal(quitEvents, 0)
    assert.equal(await exited, 0)
    await standIn.waitFor(() => quitEvents === 1, 'the quit after the core closed')
    assert.equal(standIn.calls('app.quit').length, 2)
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    assert.ok(!existsSync(join(layout.userData, 'branch-desk.sqlite-wal')))
  })
})
