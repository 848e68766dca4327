import { BrowserWindow } from 'electron'
import { APP_ENTRY_URL } from './contentSecurityPolicy'
import { blockDeveloperShortcuts, lockDownWebContents, secureWebPreferences } from './windowSecurity'

export interface MainWindowOptions {
  preloadPath: string
  /** Set in development (electron-vite dev); production loads the app:// page. */
  devServerUrl?: string
  /** Development only: DevTools and the reload keys. Installed builds get neither. */
  developerTools?: boolean
  /**
   * Extra arguments of the page's process: the startup state (electron/main/startupState.ts), which the sandboxed
   * preload reads from process.argv.
   */
  additionalArguments?: string[]
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Branch Desk',
    autoHideMenuBar: true,
    webPreferences: {
      ...secureWebPreferences(opts.preloadPath, { devTools: opts.developerTools ?? false }),
      additionalArguments: opts.additionalArguments ?? [],
    },
  })
  lockDownWebContents(win.webContents)
  if (!opts.developerTools) blockDeveloperShortcuts(win.webContents)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.devServerUrl ?? APP_ENTRY_URL)
  return win
}
