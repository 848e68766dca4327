import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { UpdaterEvent } from '../../core/update/updater'

/** electron-updater is mocked: what the shell configures on it and how its answers and events reach the core. */
const fake = vi.hoisted(() => {
  class FakeAutoUpdater {
    listeners = new Map<string, Array<(...args: unknown[]) => void>>()
    autoDownload = false
    autoInstallOnAppQuit = false
    allowDowngrade = true
    logger: unknown = 'console'
    requestHeaders: Record<string, string> | null = null
    updateConfigPath: string | null = null
    feeds: unknown[] = []
    installs: unknown[][] = []
    next: () => Promise<unknown> = async () => null
    on(event: string, fn: (...args: unknown[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
      return this
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(event) ?? []) fn(...args)
    }
    setFeedURL(options: unknown) {
      this.feeds.push(options)
    }
    checkForUpdates() {
      return this.next()
    }
    quitAndInstall(...args: unknown[]) {
      this.installs.push(args)
    }
  }
  return { autoUpdater: new FakeAutoUpdater() }
})
vi.mock('electron-updater', () => ({ default: { autoUpdater: fake.autoUpdater } }))

const { createElectronUpdater } = await import('./updater')
const dir = mkdtempSync(join(tmpdir(), 'bd-updater-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const app = { getVersion: () => '0.1.0', isPackaged: true, getPath: () => dir, relaunch: vi.fn(), quit: vi.fn() }
const feed = {
  url: 'http://hq:8787/updates/stable',
  headers: { authorization: 'Bearer t0k', 'x-branch-desk-version': '0.1.0' },
}

beforeEach(() => {
  fake.autoUpdater.listeners.clear()
  fake.autoUpdater.feeds.length = 0
  fake.autoUpdater.installs.length = 0
})

describe('electron-updater behind the core’s Updater', () => {
  it('downloads in the background, installs on quit, never downgrades; its cache config is written to user data', () => {
    const updater = createElectronUpdater(app)
    expect(updater).toMatchObject({ currentVersion: '0.1.0', supported: true })
    expect(fake.autoUpdater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      logger: null,
      updateConfigPath: join(dir, 'app-update.yml'),
    })
    expect(readFileSync(join(dir, 'app-update.yml'), 'utf8')).toContain('updaterCacheDirName: branch-desk-updater')
    expect(createElectronUpdater({ ...app, isPackaged: false }).supported).toBe(false)
  })

  it('points the generic provider at HQ with the device token and version on every request; answers the offered version', async () => {
    const updater = createElectronUpdater(app)
    fake.autoUpdater.next = async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } })
    expect(await updater.check(feed)).toEqual({ version: '0.2.0' })
    expect(fake.autoUpdater.feeds).toEqual([
      { provider: 'generic', url: 'http://hq:8787/updates/stable', useMultipleRangeRequest: false },
    ])
    expect(fake.autoUpdater.requestHeaders).toEqual(feed.headers)
    fake.autoUpdater.next = async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } })
    expect(await updater.check(feed)).toBeNull()
    // Not packaged: electron-updater answers null and does nothing.
    fake.autoUpdater.next = async () => null
    expect(await updater.check(feed)).toBeNull()
  })

  it('HQ’s 404 «no update» is no update; other failures reach the core', async () => {
    const updater = createElectronUpdater(app)
    const events: UpdaterEvent[] = []
    updater.onEvent((e) => events.push(e))
    const noUpdate = Object.assign(new Error('Cannot find channel "latest.yml" update info: HttpError: 404'), {
      code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    })
    fake.autoUpdater.next = async () => {
      fake.autoUpdater.emit('error', noUpdate)
      throw noUpdate
    }
    expect(await updater.check(feed)).toBeNull()
    fake.autoUpdater.next = async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED')
    }
    await expect(updater.check(feed)).rejects.toThrow('ERR_INTERNET_DISCONNECTED')
    fake.autoUpdater.emit('download-progress', { transferred: 10, total: 40, percent: 25, bytesPerSecond: 1 })
    fake.autoUpdater.emit('error', new Error('sha512 checksum mismatch'))
    fake.autoUpdater.emit('update-downloaded', { version: '0.2.0', files: [] })
    expect(events).toEqual([
      { type: 'progress', transferred: 10, total: 40, percent: 25 },
      { type: 'error', message: 'sha512 checksum mismatch' },
      { type: 'downloaded', version: '0.2.0' },
    ])
  })

  it('installs silently and starts the app again; relaunch restarts the app', () => {
    const updater = createElectronUpdater(app)
    updater.quitAndInstall()
    expect(fake.autoUpdater.installs).toEqual([[true, true]])
    updater.relaunch()
    expect(app.relaunch).toHaveBeenCalledTimes(1)
    expect(app.quit).toHaveBeenCalledTimes(1)
  })
})
