/**
 * The installed app's start, as Electron would see it: the built main process under the recording stand-in.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CHANNELS } from '../../shared/contract'
import { readStartupArgument } from '../../shared/app/startupArgument'
import { startupStateSchema } from '../../shared/app/startupState'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { todayIn } from '../../shared/dates/calendarDate'
import { allMigrationNames } from './migrationNames'
import { app, standIn, type FakeBrowserWindow } from './electronStandIn'
import {
  loadedNativeModules,
  loadMain,
  logEntries,
  NODE_SQLITE_BINDING,
  prepare,
  shutDown,
  waitForMainWindow,
  type SmokeLayout,
} from './harness'

type Answer<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

let layout: SmokeLayout
let win: FakeBrowserWindow
/** The test runner's own unhandled-rejection listeners (it fails the running test on one): set aside to see the app's. */
let runnerRejectionListeners: NodeJS.UnhandledRejectionListener[]

before(async () => {
  runnerRejectionListeners = process.listeners('unhandledRejection')
  layout = prepare({ packaged: true })
  await loadMain()
})

after(async () => {
  await shutDown(layout)
})

describe('before ready', () => {
  it('takes the single-instance lock, registers app:// as privileged, enables the sandbox and sets Russian', () => {
    const lock = standIn.calls('app.requestSingleInstanceLock')
    assert.equal(lock.length, 1)
    const schemes = standIn.calls('protocol.registerSchemesAsPrivileged')
    assert.equal(schemes.length, 1)
    assert.equal(schemes[0]!.beforeReady, true)
    assert.deepEqual(schemes[0]!.args[0], [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    assert.ok(
      standIn.calls('app.enableSandbox').some((c) => c.beforeReady),
      'app.enableSandbox() before ready',
    )
    const lang = standIn.calls('app.commandLine.appendSwitch').find((c) => c.args[0] === 'lang')
    assert.ok(lang, "app.commandLine.appendSwitch('lang', …)")
    assert.equal(lang.args[1], 'ru')
    assert.equal(lang.beforeReady, true)
  })

  it('starts the crash reporter with local minidumps only, before ready', () => {
    const start = standIn.calls('crashReporter.start')
    assert.equal(start.length, 1)
    assert.equal((start[0]!.args[0] as { uploadToServer: boolean }).uploadToServer, false)
    assert.equal(start[0]!.beforeReady, true)
  })

  it('opens no window before ready, and an installed build keeps the installed user-data folder', () => {
    assert.equal(standIn.mainWindows().length, 0)
    assert.equal(standIn.calls('app.setPath').length, 0)
  })
})

describe('after ready', () => {
  before(async () => {
    standIn.becomeReady()
    win = await waitForMainWindow()
  })

  it('opens one hardened window with a preload that exists, DevTools off, no menu', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>
    assert.equal(prefs.contextIsolation, true)
    assert.equal(prefs.sandbox, true)
    assert.equal(prefs.nodeIntegration, false)
    assert.equal(prefs.nodeIntegrationInWorker, false)
    assert.equal(prefs.nodeIntegrationInSubFrames, false)
    assert.equal(prefs.devTools, false)
    assert.ok(existsSync(prefs.preload as string), `preload ${String(prefs.preload)} exists`)
    assert.deepEqual(
      standIn.calls('Menu.setApplicationMenu').map((c) => c.args[0]),
      [null],
    )
    assert.deepEqual(win.webContents.loads, ['app://branch-desk/index.html'])
  })

  it("hands the window the core's startup state for its first screen: a fresh install, first run, signed out", () => {
    const prefs = win.options.webPreferences as { additionalArguments?: string[] }
    const state = startupStateSchema.parse(readStartupArgument(prefs.additionalArguments ?? []))
    assert.equal(state.status.firstRun, true)
    assert.equal(state.status.branch, null)
    assert.deepEqual(state.session, { status: 'signed-out' })
    assert.ok(Math.abs(Date.parse(state.status.now) - Date.now()) < 60_000, 'the core clock at the window creation')
  })

  it('swallows reload and DevTools keys in the installed build', () => {
    const press = (key: string, mods: Partial<Record<'control' | 'shift' | 'alt' | 'meta', boolean>> = {}) => {
      let prevented = false
      win.webContents.emit(
        'before-input-event',
        { preventDefault: () => (prevented = true) },
        { type: 'keyDown', key, control: false, shift: false, alt: false, meta: false, ...mods },
      )
      return prevented
    }
    assert.equal(press('F5'), true)
    assert.equal(press('r', { control: true }), true)
    assert.equal(press('R', { control: true, shift: true }), true)
    assert.equal(press('I', { control: true, shift: true }), true)
    assert.equal(press('F12'), true)
    assert.equal(press('a'), false)
    assert.equal(press('s', { control: true }), false)
  })

  it('serves index.html over app:// with the CSP header and refuses traversal and other hosts', async () => {
    const page = await standIn.fetch('app://branch-desk/index.html')
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/)
    assert.match(await page.text(), /<div id="app">|<!doctype html>/i)
    for (const url of [
      'app://branch-desk/..%2f..%2fpackage.json',
      'app://branch-desk/%2e%2e/%2e%2e/main/index.js',
      'app://branch-desk/assets/..%5c..%5cmain%5cindex.js',
    ]) {
      const refused = await standIn.fetch(url)
      assert.ok(refused.status === 403 || refused.status === 404, `${url} → ${refused.status}`)
      assert.doesNotMatch(await refused.text(), /branch-desk|import /, `${url} leaks a file`)
    }
    assert.equal((await standIn.fetch('app://elsewhere/index.html')).status, 404)
  })

  it("registers exactly the contract's channels", () => {
    assert.deepEqual([...standIn.state.ipcHandlers.keys()].sort(), [...CHANNELS].sort())
  })

  it('runs first run → sign-in → an OSAGO quote through the registered handlers', async () => {
    const call = async <T>(channel: string, input: unknown) =>
      (await standIn.invoke(channel, input, { window: win })) as Answer<T>
    const ok = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await call<T>(channel, input)
      assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`)
      return r.value
    }
    const status = await ok<{ firstRun: boolean }>('app/get-status', undefined)
    assert.equal(status.firstRun, true)
    await ok('setup/create-branch', {
      branch: { code: 'SMK-01', name: 'Филиал «Смоук»', city: 'Москва' },
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
    assert.ok(Number.isInteger(quote.premium?.premiumKopecks) && quote.premium!.premiumKopecks > 0)
    // A page that is not the app's own is refused by the same handlers.
    const foreign = (await standIn.invoke('app/get-status', undefined, {
      window: win,
      url: 'https://evil.example/',
    })) as Answer
    assert.equal(foreign.ok, false)
  })

  it("serves a preview's PDF once from the core's transfer folder over app://, nothing else from there", async () => {
    const preview = (await standIn.invoke(
      'print/preview-document',
      { kind: 'print-calibration' },
      { window: win },
    )) as Answer<{ file: string; pageCount: number }>
    assert.ok(preview.ok, JSON.stringify(preview))
    assert.match(preview.value.file, /^[0-9a-f-]{36}\.pdf$/)
    assert.ok(JSON.stringify(preview).length < 300, 'the PDF is not in the answer')
    const url = `app://branch-desk/transfer/${preview.value.file}`
    const pdf = await standIn.fetch(url)
    assert.equal(pdf.status, 200)
    assert.equal(pdf.headers.get('content-type'), 'application/pdf')
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    )
    await new Promise((r) => setTimeout(r, 50))
    assert.ok(!existsSync(join(layout.userData, 'shell-transfer', preview.value.file)), 'removed once served')
    assert.equal((await standIn.fetch(url)).status, 404)
    for (const refusedUrl of [
      'app://branch-desk/transfer/00000000-0000-4000-8000-000000000000.pdf',
      'app://branch-desk/transfer/..%2fbranch-desk.sqlite',
      'app://branch-desk/transfer/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      'app://branch-desk/transfer/../index.html',
    ]) {
      const refused = await standIn.fetch(refusedUrl)
      assert.ok(
        refused.status === 403 ||
          refused.status === 404 ||
          !/pdf|sqlite/.test(refused.headers.get('content-type') ?? ''),
        `${refusedUrl} → ${refused.status}`,
      )
      assert.doesNotMatch(await refused.text(), /SQLite format|%PDF-|import /, `${refusedUrl} leaks a file`)
    }
  })

  it('hands the core the shell\'s updater: an installed build\'s updates are supported, not "unsupported"', async () => {
    const status = (await standIn.invoke('update/get-status', undefined, { window: win })) as Answer<{
      phase: string
      currentVersion: string
    }>
    assert.ok(status.ok, JSON.stringify(status))
    assert.notEqual(status.value.phase, 'unsupported')
    assert.equal(status.value.currentVersion, app.getVersion())
  })

  it("hands knex the better-sqlite3 build from the separate folder, not node_modules' one", () => {
    const loaded = loadedNativeModules().filter((p) => p.endsWith('better_sqlite3.node'))
    assert.ok(loaded.includes(layout.binding), `loaded: ${loaded.join(', ')}`)
    assert.ok(!loaded.includes(NODE_SQLITE_BINDING), "node_modules' build is not loaded by the app")
    assert.ok(logEntries(layout.logs).some((e) => e.msg === 'starting' && e.sqliteBinding === layout.binding))
  })

  it('starts without loading sharp (photos load it on first use, so a missing platform package cannot stop the app)', () => {
    assert.deepEqual(
      loadedNativeModules().filter((p) => /sharp/.test(p)),
      [],
    )
  })

  it('keeps the database, migrated, in the user-data folder', async () => {
    const file = join(layout.userData, 'branch-desk.sqlite')
    assert.ok(existsSync(file))
    // Loaded only here, after the binding check above: this test process is the app's main process.
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(file, { readonly: true, fileMustExist: true })
    try {
      const names = (db.prepare('select name from knex_migrations order by id').all() as { name: string }[]).map(
        (r) => r.name,
      )
      assert.deepEqual(names, allMigrationNames())
    } finally {
      db.close()
    }
  })

  it('reads the reference data from the installed resources folder', async () => {
    // The pretend installation is the only copy the app was told about: the app path holds no resources.
    assert.ok(!existsSync(join(layout.appPath, 'resources')))
    const reference = (await standIn.invoke('osago/get-form-reference', undefined, { window: win })) as Answer<{
      regions?: unknown[]
    }>
    assert.ok(reference.ok, JSON.stringify(reference))
  })

  it('brings the main window forward on a second start, even with another window focused', () => {
    win.minimize()
    win.blur()
    const before = { focus: win.focusCount, restore: win.restoreCount }
    app.emit('second-instance', {}, ['branch-desk'], layout.root, {})
    assert.equal(win.restoreCount, before.restore + 1)
    assert.equal(win.focusCount, before.focus + 1)
    assert.equal(win.isVisible(), true)
  })

  it('logs a crashed page and reloads the main window; logs a crashed child process and unhandled rejections', async () => {
    const reloads = win.webContents.reloads
    app.emit('render-process-gone', {}, win.webContents, { reason: 'crashed', exitCode: 133 })
    assert.equal(win.webContents.reloads, reloads + 1)
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 9, name: 'GPU' })
    for (const listener of runnerRejectionListeners) process.off('unhandledRejection', listener)
    try {
      void Promise.reject(new Error('smoke: nobody awaited this'))
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      for (const listener of runnerRejectionListeners) process.on('unhandledRejection', listener)
    }
    const entries = logEntries(layout.logs)
    assert.ok(
      entries.some((e) => e.msg === 'renderer process gone' && e.reason === 'crashed' && e.mainWindow === true),
      'render-process-gone logged',
    )
    assert.ok(entries.some((e) => e.msg === 'main window reloaded after its renderer was gone'))
    assert.ok(
      entries.some((e) => e.msg === 'child process gone' && e.type === 'GPU' && e.reason === 'oom'),
      'child-process-gone logged',
    )
    assert.ok(
      entries.some(
        (e) => e.msg === 'unhandled promise rejection' && JSON.stringify(e.err).includes('smoke: nobody awaited this'),
      ),
      'rejection logged',
    )
  })

  it('writes its log as rotating files in the logs folder', () => {
    const text = readFileSync(join(layout.logs, 'main.log'), 'utf8')
    assert.match(text, /"msg":"starting"/)
  })
})
