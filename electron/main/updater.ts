import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import electronUpdater from 'electron-updater'
import type { UpdateFeed, Updater, UpdaterEvent } from '../../core/update/updater'

/** What the updater needs of Electron's `app` (passed in: this file stays testable with electron-updater mocked). */
export interface UpdaterApp {
  getVersion(): string
  readonly isPackaged: boolean
  getPath(name: 'userData'): string
  relaunch(): void
  quit(): void
}

/**
 * The core's Updater over electron-updater, fed by HQ (generic provider, `<HQ>/updates/<channel>`) with the
 * device's bearer token and the app's version on every request. electron-updater checks the download against the
 * feed's sha512, downloads in the background (autoDownload), installs on quit (autoInstallOnAppQuit) or when the
 * core says so, and never installs an older version (allowDowngrade stays false). HQ answers 404 `no-update`
 * when it offers nothing newer: that is "no update", not a failure.
 */
export function createElectronUpdater(
  app: UpdaterApp,
  log?: { info(message: string): void; warn(message: string): void; error(message: string): void },
): Updater {
  const { autoUpdater } = electronUpdater
  // electron-updater reads its cache folder's name from app-update.yml, which electron-builder writes only for a
  // `publish` config; the feed's address changes with the branch's HQ, so the file is written here instead.
  const config = join(app.getPath('userData'), 'app-update.yml')
  writeFileSync(
    config,
    'provider: generic\nurl: http://127.0.0.1/updates/stable\nupdaterCacheDirName: branch-desk-updater\n',
  )
  autoUpdater.updateConfigPath = config
  autoUpdater.autoDownload = true
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.allowDowngrade = false
  autoUpdater.logger = log ?? null
  let listener: ((event: UpdaterEvent) => void) | null = null
  const emit = (event: UpdaterEvent) => listener?.(event)
  autoUpdater.on('download-progress', (p: { transferred: number; total: number; percent: number }) =>
    emit({ type: 'progress', transferred: p.transferred, total: p.total, percent: p.percent }),
  )
  autoUpdater.on('update-downloaded', (info: { version: string }) =>
    emit({ type: 'downloaded', version: info.version }),
  )
  autoUpdater.on('error', (error: Error) => {
    if (!isNoUpdate(error)) emit({ type: 'error', message: error.message })
  })

  return {
    currentVersion: app.getVersion(),
    supported: app.isPackaged,
    async check(feed: UpdateFeed) {
      autoUpdater.setFeedURL({ provider: 'generic', url: feed.url, useMultipleRangeRequest: false })
      autoUpdater.requestHeaders = { ...feed.headers }
      try {
        const result = await autoUpdater.checkForUpdates()
        return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null
      } catch (e) {
        if (isNoUpdate(e)) return null
        throw e
      }
    },
    onEvent(next) {
      listener = next
    },
    quitAndInstall() {
      // Silent install, then the app starts again: staff are not asked installer questions at the counter.
      autoUpdater.quitAndInstall(true, true)
    },
    relaunch() {
      app.relaunch()
      app.quit()
    },
  }
}

/** HQ's «nothing newer for you» (404 on the feed) as electron-updater reports it. */
function isNoUpdate(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'
}
