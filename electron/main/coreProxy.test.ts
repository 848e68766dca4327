import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs'
import { constants as osConstants, getPriority, tmpdir } from 'node:os'
import { serialize } from 'node:v8'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedFileDialogs } from '../../core/files/fileDialogs'
import { forkHost } from '../../core/host/forkHost'
import { shellTransferDir, type FromHost, type HostProcess, type ToHost } from '../../core/host/protocol'
import { RecordingPrintPlatform } from '../../core/print/recordingPlatform'
import { previewPdf } from '../../core/print/testing/previewPdf'
import { PREVIEW_FILE_PATTERN } from '../../shared/print/contract'
import type { SecretStore } from '../../core/sync/secretStore'
import { TOKEN_SECRET } from '../../core/sync/syncState'
import { RecordingUpdater } from '../../core/update/recordingUpdater'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import type { Result } from '../../shared/contract/result'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { CoreHostGone, startCoreProxy, windowDispatch, type CoreProxy } from './coreProxy'

/**
 * The core in its own process, driven through the proxy the main process uses: a real host (core/host/coreHost.ts
 * in a Node child, as Electron's utilityProcess runs it in the app) on a real SQLite file in a temp folder.
 */
const RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')
const APP_URL = 'app://branch-desk/index.html'
const ADMIN = { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' }
const LARGE_REPLY_TEST_BYTES = 16 * 1024

async function call<C extends Channel>(
  proxy: Pick<CoreProxy, 'dispatch'>,
  channel: C,
  input: ChannelInput<C>,
  clientId = 'wc-1',
): Promise<ChannelOutput<C>> {
  const r = (await proxy.dispatch(channel, input, { clientId, senderUrl: APP_URL, isMainFrame: true })) as Result<
    ChannelOutput<C>
  >
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value
}

/** The main side's secret store: what safeStorage is in the app, kept in memory and recorded. */
function recordingSecrets(): SecretStore & { values: Map<string, string>; calls: string[] } {
  const values = new Map<string, string>()
  const calls: string[] = []
  return {
    values,
    calls,
    protection: 'os-encrypted',
    get: async (name) => (calls.push(`get ${name}`), values.get(name) ?? null),
    set: async (name, value) => void (calls.push(`set ${name}`), values.set(name, value)),
    delete: async (name) => void (calls.push(`delete ${name}`), values.delete(name)),
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `branch-desk-${name}-`))
}

describe('the core in its own process, behind the proxy', () => {
  const dataDir = tempDir('host')
  const saveDir = tempDir('host-saved')
  const secrets = recordingSecrets()
  const dialogs = new ScriptedFileDialogs()
  const printer = new RecordingPrintPlatform({ saveDir, printers: ['Kyocera ECOSYS P2040dn'] })
  // electron-updater's stand-in on the main side: the core in the host drives it only through the protocol.
  const updater = new RecordingUpdater('9.9.9')
  const logged: Array<{ message: string; error?: unknown }> = []
  let proxy: CoreProxy
  let hq: RunningHq

  beforeAll(async () => {
    hq = await startHq()
    proxy = await startCoreProxy({
      spawn: () => forkHost({ stdio: 'pipe' }),
      core: {
        dataDir,
        resourcesDir: RESOURCES_DIR,
        appVersion: '9.9.9-test',
        trustedUrlPrefixes: ['app://branch-desk/'],
      },
      shell: { secrets, files: dialogs, print: printer, updater },
      log: (message, error) => void logged.push({ message, error }),
      // Lowered so that a form's reference data already goes the way any big answer does: as a file.
      largeReplyBytes: LARGE_REPLY_TEST_BYTES,
      belowNormalPriority: true,
    })
  }, 60_000)

  afterAll(async () => {
    await proxy?.close()
    await hq?.close()
    for (const d of [dataDir, saveDir]) rmSync(d, { recursive: true, force: true })
  })

  it('first run, sign-in and an OSAGO quote, answered from another process', async () => {
    expect(proxy.pid).toBeGreaterThan(0)
    expect(proxy.pid).not.toBe(process.pid)
    // The window's process first: the core's heavy work runs below normal priority.
    expect(getPriority(proxy.pid)).toBe(osConstants.priority.PRIORITY_BELOW_NORMAL)
    expect(await call(proxy, 'app/get-status', undefined)).toMatchObject({ firstRun: true, appVersion: '9.9.9-test' })
    await call(proxy, 'setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
      admin: ADMIN,
    })
    await call(proxy, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password })
    await call(proxy, 'staff/create-staff', {
      login: 'clerk1',
      fullName: 'Петров Павел Олегович',
      role: 'clerk',
      password: 'Temp12345',
    })
    await call(proxy, 'session/sign-in', { login: 'clerk1', password: 'Temp12345' }, 'wc-2')
    await call(proxy, 'session/change-password', { currentPassword: 'Temp12345', newPassword: 'Clerk12345' }, 'wc-2')
    const quote = await call(proxy, 'osago/quote-premium', { draft: completeDraft(todayIn('Europe/Moscow')) }, 'wc-2')
    expect(quote.ok).toBe(true)
    if (quote.ok) expect(quote.premium.premiumKopecks).toBeGreaterThan(0)
    // The core's checks run in the host as before: a foreign page is refused there.
    const foreign = await proxy.dispatch('app/get-status', undefined, {
      clientId: 'wc-9',
      senderUrl: 'https://evil.example/',
      isMainFrame: true,
    })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
    expect(existsSync(join(dataDir, 'branch-desk.sqlite'))).toBe(true)
  })

  it('a closed window is forgotten by the core', async () => {
    await call(proxy, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'wc-7')
    expect(await call(proxy, 'session/get-session', undefined, 'wc-7')).toMatchObject({ status: 'signed-in' })
    proxy.sessions.forget('wc-7')
    expect(await call(proxy, 'session/get-session', undefined, 'wc-7')).toEqual({ status: 'signed-out' })
  })

  it('asks the main side for the HQ token: enrolment stores it there, the sync screen reads it back', async () => {
    const code = await hq.enrolmentCode('MSK-01', { name: 'Филиал «Тверской»', city: 'Москва' })
    const status = await call(proxy, 'sync/enrol', { hqUrl: hq.url, code, deviceName: 'Касса 1' })
    expect(status).toMatchObject({ state: 'idle', branchCode: 'MSK-01', secretProtection: 'os-encrypted' })
    expect(secrets.values.get(TOKEN_SECRET)).toMatch(/.{20,}/)
    expect(secrets.calls).toContain(`set ${TOKEN_SECRET}`)
    // No token file of the core's own: the secret exists only on the main side.
    expect(existsSync(join(dataDir, 'secrets'))).toBe(false)
    const run = await call(proxy, 'sync/sync-now', undefined)
    expect(run.ok).toBe(true)
    expect(secrets.calls.filter((c) => c === `get ${TOKEN_SECRET}`).length).toBeGreaterThan(1)
  })

  it("drives the main side's updater: a check reaches it, its download events move the core's state machine, install and relaunch go back", async () => {
    // A feed the main side cannot read: its error crosses back and is the core's «check failed», with the reason.
    updater.answer(new Error('feed unreadable: 503'))
    expect(await call(proxy, 'update/check-now', undefined)).toMatchObject({
      phase: 'error',
      error: { key: 'update.errors.checkFailed', params: { message: 'feed unreadable: 503' } },
    })
    updater.answer({ version: '10.0.0' })
    const checked = await call(proxy, 'update/check-now', undefined)
    expect(checked).toMatchObject({ phase: 'available', version: '10.0.0', currentVersion: '9.9.9' })
    const feed = updater.checks.at(-1)!
    expect(feed.url).toBe(`${hq.url.replace(/\/+$/, '')}/updates/stable`)
    expect(feed.headers.authorization).toBe(`Bearer ${secrets.values.get(TOKEN_SECRET)}`)
    updater.emit({ type: 'progress', transferred: 512, total: 1024, percent: 50 })
    await until(async () => (await call(proxy, 'update/get-status', undefined)).phase === 'downloading')
    expect((await call(proxy, 'update/get-status', undefined)).progress).toEqual({
      transferred: 512,
      total: 1024,
      percent: 50,
    })
    updater.emit({ type: 'downloaded', version: '10.0.0' })
    await until(async () => (await call(proxy, 'update/get-status', undefined)).phase === 'downloaded')
    expect(await call(proxy, 'update/install-now', undefined)).toEqual({ installing: true })
    await until(async () => updater.installs === 1)
  })

  it('asks the main side for a folder dialog (backups) and keeps the folder chosen there', async () => {
    const folder = tempDir('host-backups')
    try {
      dialogs.answer(folder)
      const status = await call(proxy, 'backup/choose-folder', undefined)
      expect(status).toMatchObject({ folder, folderAvailable: true })
      expect(dialogs.asked.at(-1)).toEqual({ dialog: 'folder', title: expect.stringMatching(/.{3,}/) })
      dialogs.answer(null)
      expect(await call(proxy, 'backup/choose-folder', undefined)).toBeNull()
      expect((await call(proxy, 'backup/get-status', undefined)).folder).toBe(folder)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('asks the main side for a save dialog and writes where the user chose', async () => {
    const target = join(saveDir, 'outgoing.bdbundle')
    dialogs.answer(target)
    const saved = await call(proxy, 'sync/export-bundle', undefined)
    expect(saved.savedTo).toBe(target)
    expect(dialogs.asked.at(-1)).toMatchObject({ dialog: 'save', kind: { extensions: ['bdbundle'] } })
    expect(readFileSync(target, 'utf8').length).toBeGreaterThan(10)
    dialogs.answer(null)
    expect((await call(proxy, 'sync/export-bundle', undefined)).savedTo).toBeNull()
  })

  it('prints through the main side: the PDF travels as a file in the data folder, removed once printed', async () => {
    expect(await call(proxy, 'print/list-printers', undefined)).toEqual(['Kyocera ECOSYS P2040dn'])
    expect(
      await call(proxy, 'print/print-document', { kind: 'print-calibration', printerName: 'Kyocera ECOSYS P2040dn' }),
    ).toEqual({ printed: true })
    expect(printer.jobs).toHaveLength(1)
    expect(printer.jobs[0]!.pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(readdirSync(shellTransferDir(dataDir))).toEqual([])
    // An error of the shell's platform comes back as the core's own error, translated for the window.
    printer.printPdf = async () => {
      const { AppError } = await import('../../core/app/appError')
      throw new AppError('CONFLICT', 'print.errors.printFailed', { reason: 'paper jam' })
    }
    const failed = await proxy.dispatch(
      'print/print-document',
      { kind: 'print-calibration', printerName: 'Kyocera ECOSYS P2040dn' },
      { clientId: 'wc-1', senderUrl: APP_URL, isMainFrame: true },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(JSON.stringify(failed)).toContain('paper jam')
  })

  it('a preview answers with a file name, not the PDF: the PDF waits in the transfer folder for the page', async () => {
    const preview = await call(proxy, 'print/preview-document', { kind: 'print-calibration' })
    expect(preview.file).toMatch(PREVIEW_FILE_PATTERN)
    expect(serialize({ ok: true, value: preview }).length).toBeLessThan(1024)
    expect(preview.pageCount).toBe(1)
    expect((await previewPdf(dataDir, preview)).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readdirSync(shellTransferDir(dataDir))).toEqual([])
  })

  it('a big answer comes as a file, read and removed by the main side; small ones through the pipe', async () => {
    const transfer = shellTransferDir(dataDir)
    mkdirSync(transfer, { recursive: true })
    const created: string[] = []
    const watcher = watch(transfer, (_event, name) => void (name && created.push(name)))
    const reference = await call(proxy, 'osago/get-form-reference', undefined, 'wc-2')
    await new Promise((r) => setTimeout(r, 100))
    watcher.close()
    expect(new Set(created.filter((n) => n.endsWith('.reply'))).size).toBe(1)
    expect(serialize({ ok: true, value: reference }).length).toBeGreaterThan(LARGE_REPLY_TEST_BYTES)
    await call(proxy, 'app/get-status', undefined)
    expect(readdirSync(shellTransferDir(dataDir))).toEqual([])
  })

  it('a host that dies mid-call: the call is rejected clearly, the death logged, the host restarted on the same data', async () => {
    const firstPid = proxy.pid!
    let dialogOpened!: () => void
    const opened = new Promise<void>((r) => (dialogOpened = r))
    // A save dialog the user never closes: the call is pending in the host when it dies.
    dialogs.chooseSavePath = async () => {
      dialogOpened()
      return new Promise<string | null>(() => {})
    }
    const pending = proxy.dispatch('sync/export-bundle', undefined, {
      clientId: 'wc-1',
      senderUrl: APP_URL,
      isMainFrame: true,
    })
    await opened
    process.kill(firstPid, 'SIGKILL')
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CoreHostGone)
    expect((error as Error).message).toMatch(
      /stopped \(exit code none, signal SIGKILL\) before answering "sync\/export-bundle"/,
    )
    await proxy.ready()
    expect(proxy.pid).not.toBe(firstPid)
    expect(getPriority(proxy.pid)).toBe(osConstants.priority.PRIORITY_BELOW_NORMAL)
    expect(logged.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/stopped unexpectedly \(exit code none, signal SIGKILL\); starting it again/),
    )
    // The data survived; the sessions (kept in memory) did not: windows sign in again.
    expect(await call(proxy, 'app/get-status', undefined)).toMatchObject({
      firstRun: false,
      branch: { code: 'MSK-01' },
    })
    expect(await call(proxy, 'session/get-session', undefined)).toEqual({ status: 'signed-out' })
  }, 60_000)

  it('closes the database before its process ends', async () => {
    const pid = proxy.pid!
    await proxy.close()
    expect(() => process.kill(pid, 0)).toThrow()
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(join(dataDir, 'branch-desk.sqlite-wal'))).toBe(false)
    await expect(
      proxy.dispatch('app/get-status', undefined, { clientId: 'wc-1', senderUrl: APP_URL, isMainFrame: true }),
    ).rejects.toThrow(CoreHostGone)
  })
})

describe('starting the core', () => {
  it('a core that cannot start fails the start with its own reason, and no process is left behind', async () => {
    const dataDir = tempDir('host-broken')
    const resourcesDir = tempDir('host-broken-resources')
    writeFileSync(join(resourcesDir, 'README'), 'no reference data here')
    let spawned: HostProcess | undefined
    try {
      const start = startCoreProxy({
        spawn: () => (spawned = forkHost({ stdio: 'pipe' })),
        core: { dataDir, resourcesDir, trustedUrlPrefixes: ['app://branch-desk/'] },
        log: () => {},
      })
      const error = await start.then(
        () => null,
        (e: unknown) => e as Error,
      )
      // The core's own error, as the startup-failure dialog needs it: its name, its message naming the folder.
      expect(error?.name).toBe('ReferenceDataError')
      expect(error?.message).toContain(join(resourcesDir, 'reference'))
      expect((error as Error & { file?: string }).file).toBe(join(resourcesDir, 'reference'))
      await new Promise((r) => setTimeout(r, 200))
      expect(() => process.kill(spawned!.pid!, 0)).toThrow()
    } finally {
      for (const d of [dataDir, resourcesDir]) rmSync(d, { recursive: true, force: true })
    }
  }, 60_000)
})

/** A host process the test plays: answers init, then dies when told. */
function scriptedHost(): HostProcess & { die(): void; sent: ToHost[] } {
  let onMessage: (m: FromHost) => void = () => {}
  let onExit: (e: { code: number | null; signal: string | null }) => void = () => {}
  const sent: ToHost[] = []
  return {
    pid: 4242,
    sent,
    send(m) {
      sent.push(m)
      if (m.type === 'init') queueMicrotask(() => onMessage({ type: 'ready' }))
    },
    onMessage: (l) => {
      onMessage = l
      queueMicrotask(() => l({ type: 'hello' }))
    },
    onExit: (l) => void (onExit = l),
    kill() {},
    die: () => onExit({ code: 134, signal: null }),
  }
}

describe('restarting the core', () => {
  it('restarts after a crash, but not forever: a host dying again and again is given up and said so', async () => {
    const hosts: Array<ReturnType<typeof scriptedHost>> = []
    const logged: string[] = []
    const proxy = await startCoreProxy({
      spawn: () => {
        const h = scriptedHost()
        hosts.push(h)
        return h
      },
      core: { dataDir: '/nonexistent', resourcesDir: '/nonexistent', trustedUrlPrefixes: [] },
      log: (m) => void logged.push(m),
      maxRestarts: 2,
      restartWindowMs: 60_000,
    })
    for (let i = 0; i < 2; i++) {
      hosts.at(-1)!.die()
      await proxy.ready()
    }
    expect(hosts).toHaveLength(3)
    expect(logged.filter((m) => /starting it again/.test(m))).toHaveLength(2)
    hosts.at(-1)!.die()
    expect(hosts).toHaveLength(3)
    expect(logged.at(-1)).toMatch(/stopped 3 times within 60 s; it is not restarted again/)
    await expect(
      proxy.dispatch('app/get-status', undefined, { clientId: 'w', senderUrl: APP_URL, isMainFrame: true }),
    ).rejects.toThrow(/not restarted again/)
  })

  it('gives the window an error it can show when the core could not answer', async () => {
    const dispatch = windowDispatch(async () => {
      throw new CoreHostGone('gone')
    })
    expect(
      await dispatch('app/get-status', undefined, { clientId: 'w', senderUrl: APP_URL, isMainFrame: true }),
    ).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message:
          'Операция прервана: рабочая часть программы перезапускается. Проверьте, сохранились ли изменения, и повторите',
      },
    })
  })
})

describe('the senders the core accepts', () => {
  it("agree with the shell's own rule for the app page and the dev server", async () => {
    const { isAppUrl } = await import('./contentSecurityPolicy')
    const { appUrlPrefixes } = await import('./coreProxy')
    const dev = 'http://localhost:5173/index.html'
    const urls = [
      'app://branch-desk/index.html',
      'app://branch-desk/#/osago',
      'app://branch-deskx/index.html',
      'app://evil/index.html',
      'http://localhost:5173/',
      'http://localhost:5173/#/home',
      'http://localhost:5174/',
      'http://localhost:5173@evil.example/',
      'https://localhost:5173/',
      '',
    ]
    for (const devServerUrl of [undefined, dev]) {
      const prefixes = appUrlPrefixes(devServerUrl)
      for (const url of urls)
        expect(
          prefixes.some((p) => url.startsWith(p)),
          `${url} with ${devServerUrl}`,
        ).toBe(isAppUrl(url, devServerUrl))
    }
  })
})

describe('the utility process as the proxy holds it', () => {
  it('forks the host entry as a named service, passes messages both ways and reports the exit once', async () => {
    const { EventEmitter } = await import('node:events')
    const { utilityProcessHost } = await import('./coreProxy')
    const posted: unknown[] = []
    const child = Object.assign(new EventEmitter(), {
      pid: 77,
      postMessage: (m: unknown) => void posted.push(m),
      kill: () => true,
    })
    const forks: unknown[][] = []
    const host = utilityProcessHost(
      ((...args: unknown[]) => (forks.push(args), child)) as never,
      '/app/out/main/coreHost.js',
    )
    expect(forks).toEqual([
      [
        '/app/out/main/coreHost.js',
        [],
        { serviceName: 'Branch Desk core', stdio: 'inherit', execArgv: ['--max-semi-space-size=64'] },
      ],
    ])
    expect(host.pid).toBe(77)
    const heard: FromHost[] = []
    const exits: unknown[] = []
    host.onMessage((m) => void heard.push(m))
    host.onExit((e) => void exits.push(e))
    host.send({ type: 'close' })
    child.emit('message', { type: 'hello' })
    child.emit('exit', 9)
    child.emit('exit', 9)
    expect(posted).toEqual([{ type: 'close' }])
    expect(heard).toEqual([{ type: 'hello' }])
    expect(exits).toEqual([{ code: 9, signal: null }])
  })
})
