import type { App, BrowserWindow, Details, RenderProcessGoneDetails, WebContents } from 'electron'
import type { ShellLog } from './shellLog'

/**
 * What happens when part of the app dies: every renderer or child-process crash and every unhandled rejection
 * goes to the log; a main window whose page crashed is reloaded (drafts come back from their local backups).
 * A page that keeps crashing is left alone after a few reloads rather than reloaded forever.
 */
export function watchForCrashes(deps: {
  app: Pick<App, 'on'>
  log: ShellLog
  /** The window whose page is reloaded; hidden helper windows (printing) are only logged. */
  isMainWindow: (contents: WebContents) => BrowserWindow | null
  now?: () => number
}): void {
  const now = deps.now ?? Date.now
  const reloads = new Map<number, number[]>()
  deps.app.on('render-process-gone', (_event, contents: WebContents, details: RenderProcessGoneDetails) => {
    const win = deps.isMainWindow(contents)
    deps.log.error('renderer process gone', undefined, {
      reason: details.reason,
      exitCode: details.exitCode,
      mainWindow: Boolean(win),
    })
    if (!win || win.isDestroyed() || details.reason === 'clean-exit') return
    const recent = (reloads.get(contents.id) ?? []).filter((t) => now() - t < 60_000)
    if (recent.length >= 3) {
      deps.log.error('renderer keeps crashing: not reloading again within a minute', undefined, {
        crashes: recent.length + 1,
      })
      return
    }
    reloads.set(contents.id, [...recent, now()])
    win.webContents.reload()
    deps.log.info('main window reloaded after its renderer was gone')
  })
  deps.app.on('child-process-gone', (_event, details: Details) => {
    deps.log.error('child process gone', undefined, {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      serviceName: details.serviceName,
      name: details.name,
    })
  })
  process.on('unhandledRejection', (reason) => deps.log.error('unhandled promise rejection', reason))
  process.on('uncaughtException', (error) => deps.log.error('uncaught exception in the main process', error))
}
