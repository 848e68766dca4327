import { app, BrowserWindow, ipcMain, session } from 'electron'
import { join } from 'node:path'
import { createCore } from '../../core/app/createCore'
import { registerAppScheme, serveRenderer } from './appProtocol'
import { isAppUrl } from './contentSecurityPolicy'
import { registerIpc } from './ipcBridge'
import { createMainWindow } from './mainWindow'
import { createElectronFileDialogs } from './fileDialogs'
import { createElectronPrintPlatform } from './printPlatform'
import { restrictPermissions } from './windowSecurity'
import { createSafeStorageSecrets } from './safeStorageSecrets'

/**
 * The Electron shell: windows, protocol, permissions and the IPC bridge. Everything else is the core, which
 * never imports 'electron' and runs the same in tests.
 */
registerAppScheme()
app.enableSandbox()

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources')

async function start(): Promise<void> {
  const appWindows: BrowserWindow[] = []
  const core = await createCore({
    dataDir: app.getPath('userData'),
    resourcesDir,
    appVersion: app.getVersion(),
    isTrustedUrl: (url) => isAppUrl(url, devServerUrl),
    log: (message, error) => console.error(message, error),
    // Job PDFs hold clients' data: they wait in the user's own profile folder, not in the shared temp folder.
    print: createElectronPrintPlatform({
      tempDir: join(app.getPath('userData'), 'print-jobs'),
      parentWindow: () => BrowserWindow.getFocusedWindow() ?? appWindows[0] ?? null,
    }),
    files: createElectronFileDialogs({ parentWindow: () => BrowserWindow.getFocusedWindow() ?? appWindows[0] ?? null }),
    // HQ sync runs in the background; its token is kept with the OS's encryption where there is one.
    sync: { background: true, secrets: createSafeStorageSecrets(join(app.getPath('userData'), 'secrets')) },
  })
  serveRenderer(join(import.meta.dirname, '../renderer'))
  restrictPermissions(session.defaultSession, devServerUrl)
  registerIpc(ipcMain, core.dispatch)

  const open = () => {
    const win = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), devServerUrl })
    const clientId = `wc-${win.webContents.id}`
    appWindows.push(win)
    win.on('closed', () => {
      core.sessions.forget(clientId)
      appWindows.splice(appWindows.indexOf(win), 1)
    })
  }
  open()
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open())
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void core.close())
}

// One instance per user: two would fight over the same SQLite file and blank stock.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.whenReady().then(start).catch((error: unknown) => {
    console.error('Branch Desk failed to start', error)
    app.exit(1)
  })
}
