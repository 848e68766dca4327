import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract'
import type { Result } from '../../shared/contract/result'
import { RESOURCES_DIR, TRUSTED_URL } from '../testing/testCore'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { publishUpdate, setUpdateCap } from '../../hq/updates'
import { RecordingUpdater } from './recordingUpdater'
import { UpdateService } from './updateService'

/** The update state machine with electron-updater stood in by a recording fake (core/update/recordingUpdater.ts). */
function machine(opts: { updater?: RecordingUpdater | null; enrolled?: boolean } = {}) {
  const clock = new ManualClock()
  const updater = opts.updater === undefined ? new RecordingUpdater('0.1.0') : opts.updater
  const service = new UpdateService({
    updater,
    clock,
    channel: 'stable',
    checkEveryMs: 3_600_000,
    retryAfterMs: 600_000,
    hq: async () => (opts.enrolled === false ? null : { url: 'http://hq.example:8787/', token: 'tok' }),
  })
  return { clock, updater: updater!, service }
}
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('update state machine', () => {
  it('idle → checking → available → downloading(progress) → downloaded → installing', async () => {
    const { updater, service } = machine()
    expect(service.status()).toMatchObject({ phase: 'idle', currentVersion: '0.1.0', version: null })
    updater.answer({ version: '0.2.0' })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const check = updater.check.bind(updater)
    updater.check = async (feed) => {
      await gate
      return check(feed)
    }
    service.hqReachable()
    await settle()
    expect(service.status().phase).toBe('checking')
    release()
    await settle()
    expect(updater.checks).toEqual([
      {
        url: 'http://hq.example:8787/updates/stable',
        headers: { authorization: 'Bearer tok', 'x-branch-desk-version': '0.1.0' },
      },
    ])
    expect(service.status()).toMatchObject({ phase: 'available', version: '0.2.0' })
    updater.emit({ type: 'progress', transferred: 512, total: 2048, percent: 25 })
    expect(service.status()).toMatchObject({
      phase: 'downloading',
      progress: { transferred: 512, total: 2048, percent: 25 },
    })
    // A probe while downloading does not start another check.
    service.hqReachable()
    await settle()
    expect(updater.checks).toHaveLength(1)
    updater.emit({ type: 'downloaded', version: '0.2.0' })
    expect(service.status()).toMatchObject({ phase: 'downloaded', version: '0.2.0', progress: null })
    service.install({ describe: () => '' })
    expect(service.status().phase).toBe('installing')
    expect(updater.installs).toBe(1)
  })

  it('checks only when HQ was reached, not more than the interval allows, and never offers an older or equal version', async () => {
    const { clock, updater, service } = machine()
    updater.answer(null, { version: '0.1.0' }, { version: '0.0.9' }, { version: 'garbage' })
    service.hqReachable()
    await settle()
    expect(service.status()).toMatchObject({ phase: 'idle', lastCheckAt: clock.now().toISOString() })
    service.hqReachable()
    await settle()
    expect(updater.checks).toHaveLength(1)
    for (let i = 0; i < 3; i++) {
      clock.advance(3_600_000)
      service.hqReachable()
      await settle()
      expect(service.status()).toMatchObject({ phase: 'idle', version: null })
    }
    expect(updater.checks).toHaveLength(4)
  })

  it('an offline branch keeps working: a failed check or download is an error that is retried later, never a block', async () => {
    const { clock, updater, service } = machine()
    updater.answer(new Error('net::ERR_CONNECTION_REFUSED\n at …'))
    service.hqReachable()
    await settle()
    expect(service.status()).toMatchObject({
      phase: 'error',
      error: { key: 'update.errors.checkFailed', params: { message: 'net::ERR_CONNECTION_REFUSED' } },
    })
    service.hqReachable()
    await settle()
    expect(updater.checks).toHaveLength(1)
    clock.advance(600_000)
    updater.answer({ version: '0.2.0' })
    service.hqReachable()
    await settle()
    updater.emit({ type: 'progress', transferred: 10, total: 100, percent: 10 })
    // HQ went away mid-download.
    updater.emit({ type: 'error', message: 'socket hang up' })
    expect(service.status()).toMatchObject({
      phase: 'error',
      progress: null,
      error: { key: 'update.errors.downloadFailed' },
    })
    expect(() => service.install({ describe: () => '' })).toThrow(
      expect.objectContaining({ messageKey: 'update.errors.notDownloaded' }),
    )
    clock.advance(600_000)
    updater.answer({ version: '0.2.0' })
    service.hqReachable()
    await settle()
    updater.emit({ type: 'downloaded', version: '0.2.0' })
    // An error after the download (a later probe's noise) does not take the installable update away.
    updater.emit({ type: 'error', message: 'late' })
    expect(service.status()).toMatchObject({ phase: 'downloaded', error: null })
  })

  it('refuses «restart and update» while any live window has an unsaved form, naming which', async () => {
    const { updater, service } = machine()
    updater.answer({ version: '0.2.0' })
    await service.checkNow()
    updater.emit({ type: 'downloaded', version: '0.2.0' })
    service.reportUnsaved('w1', [{ kind: 'osago-draft' }])
    service.reportUnsaved('w2', [{ kind: 'casco-draft' }, { kind: 'osago-draft' }])
    service.reportUnsaved('closed-window', [{ kind: 'casco-draft' }])
    const isLive = (id: string) => id !== 'closed-window'
    expect(service.status(isLive).unsavedForms).toHaveLength(3)
    expect(() => service.install({ isLive, describe: (forms) => forms.map((f) => f.kind).join('+') })).toThrow(
      expect.objectContaining({
        messageKey: 'update.errors.unsavedForms',
        params: { forms: 'osago-draft+casco-draft+osago-draft', count: 3 },
      }),
    )
    service.reportUnsaved('w1', [])
    service.reportUnsaved('w2', [])
    service.install({ isLive, describe: () => '' })
    expect(updater.installs).toBe(1)
  })

  it('is unsupported without an updater (development build, tests) and when not enrolled nothing is asked', async () => {
    const none = machine({ updater: null })
    none.service.hqReachable()
    expect(none.service.status()).toMatchObject({ phase: 'unsupported' })
    const dev = new RecordingUpdater('0.1.0')
    dev.supported = false
    expect(machine({ updater: dev }).service.status().phase).toBe('unsupported')
    const notEnrolled = machine({ enrolled: false })
    await notEnrolled.service.checkNow()
    expect(notEnrolled.updater.checks).toHaveLength(0)
  })
})

describe('updates in the core, against HQ', () => {
  let hq: RunningHq | undefined
  let core: Core | undefined
  let dir: string | undefined
  afterEach(async () => {
    await core?.close()
    await hq?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('the sync engine’s successful probe triggers the check; the feed and token it hands the updater work at HQ; channels drive install', async () => {
    hq = await startHq()
    dir = mkdtempSync(join(tmpdir(), 'bd-update-'))
    const installer = join(dir, 'BranchDesk-Setup-0.2.0.exe')
    writeFileSync(installer, randomBytes(1000))
    await publishUpdate(hq.db, hq.blobDir, installer, {}, new Date())
    const updater = new RecordingUpdater('0.1.0')
    const clock = new ManualClock()
    core = await createCore({
      dataDir: join(dir, 'data'),
      resourcesDir: RESOURCES_DIR,
      isTrustedUrl: (u) => u.startsWith('app://branch-desk/'),
      clock,
      update: { updater },
    })
    const c = core
    const call = <C extends Channel>(channel: C, input: ChannelInput<C>, clientId = 'admin') =>
      c.dispatch(channel, input, { clientId, senderUrl: TRUSTED_URL, isMainFrame: true }) as Promise<
        Result<ChannelOutput<C>>
      >
    const ok = async <C extends Channel>(channel: C, input: ChannelInput<C>, clientId = 'admin') => {
      const r = await call(channel, input, clientId)
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
      return r.value
    }
    await ok('setup/create-branch', {
      branch: { code: 'MSK-01', name: 'Филиал', city: 'Москва' },
      admin: { login: 'admin', fullName: 'Иванова Мария Петровна', password: 'Admin12345' },
    })
    await ok('session/sign-in', { login: 'admin', password: 'Admin12345' })
    expect(await ok('update/get-status', undefined)).toMatchObject({ phase: 'idle', version: null, unsavedForms: [] })
    // Not enrolled: no probe reaches HQ, nothing is checked.
    await core.sync.syncNow()
    expect(updater.checks).toHaveLength(0)

    await ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'Касса' })
    updater.answer({ version: '0.2.0' })
    expect(await core.sync.syncNow()).toBe(true)
    await settle()
    expect(updater.checks).toHaveLength(1)
    const feed = updater.checks[0]!
    expect(feed.url).toBe(`${hq.url}/updates/stable`)
    // What electron-updater will send: HQ answers this device with the feed of 0.2.0.
    const res = await fetch(`${feed.url}/latest.yml`, { headers: feed.headers })
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/^version: 0\.2\.0$/m)
    await setUpdateCap(hq.db, 'MSK-01', '0.1.0')
    expect((await fetch(`${feed.url}/latest.yml`, { headers: feed.headers })).status).toBe(404)

    updater.emit({ type: 'progress', transferred: 500, total: 1000, percent: 50 })
    expect(await ok('update/get-status', undefined)).toMatchObject({
      phase: 'downloading',
      version: '0.2.0',
      progress: { percent: 50 },
    })
    updater.emit({ type: 'downloaded', version: '0.2.0' })
    expect(await ok('update/report-unsaved-forms', { forms: [{ kind: 'osago-draft' }] })).toEqual({ count: 1 })
    const refused = await call('update/install-now', undefined)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('заявление ОСАГО') },
    })
    expect(updater.installs).toBe(0)
    // A window without a session (signed out, closed) holds nothing back.
    await ok('session/sign-out', undefined)
    await ok('session/sign-in', { login: 'admin', password: 'Admin12345' }, 'window-2')
    expect(await ok('update/install-now', undefined, 'window-2')).toEqual({ installing: true })
    expect(updater.installs).toBe(1)
    expect((await call('update/report-unsaved-forms', { forms: [{ kind: 'Bad Kind' }] }, 'window-2')).ok).toBe(false)
  })
})
