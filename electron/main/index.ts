import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, session, utilityProcess } from 'electron'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { registerAppScheme, serveRenderer } from './appProtocol'
import { appUrlPrefixes, startCoreProxy, utilityProcessHost, windowDispatch } from './coreProxy'
import { shellTransferDir } from '../../core/host/protocol'
import { registerIpc } from './ipcBridge'
import { createMainWindow } from './mainWindow'
import { APP_ENTRY_URL } from './contentSecurityPolicy'
import { startupArguments } from './startupState'
import { createElectronFileDialogs } from './fileDialogs'
import { createElectronPrintPlatform } from './printPlatform'
import { createElectronUpdater } from './updater'
import { restrictPermissions } from './windowSecurity'
import { createSafeStorageSecrets } from './safeStorageSecrets'
import { developmentUserData, referenceDir, sqliteBindingPath } from './appPaths'
import { openShellLog } from './shellLog'
import { watchForCrashes } from './crashWatch'
import { describeStartupFailure } from './startupFailure'

/**
 * The Electron shell: windows, protocol, permissions and the IPC bridge. Everything else is the core, which
 * never imports 'electron' and runs the same in tests.
 */
// Before ready: Electron reads these only while it starts its browser process.
registerAppScheme()
app.enableSandbox()
// The app speaks Russian: Chromium's own texts (context menus, dialogs' buttons, number and date inputs) too.
app.commandLine.appendSwitch('lang', 'ru')
if (!app.isPackaged) {
  const devData = developmentUserData(app.getPath('userData'))
  app.setPath('userData', devData)
  app.setAppLogsPath(join(devData, 'logs'))
  app.setPath('crashDumps', join(devData, 'crashDumps'))
}
// Minidumps stay on this computer (app.getPath('crashDumps')); the diagnostics archive lists them for support.
crashReporter.start({ uploadToServer: false })

const log = openShellLog(app.getPath('logs'), {
  fallbackDir: join(app.getPath('temp'), 'branch-desk-logs'),
  mirrorToConsole: !app.isPackaged,
})
const location = { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const resourcesDir = referenceDir(location)
const sqliteBinding = sqliteBindingPath(location)
/** The one window `second-instance` brings forward and a crashed page reloads (print windows are hidden helpers). */
let mainWindow: BrowserWindow | null = null

watchForCrashes({
  app,
  log,
  isMainWindow: (contents) =>
    mainWindow && !mainWindow.isDestroyed() && mainWindow.webContents === contents ? mainWindow : null,
})

async function start(): Promise<void> {
  log.info('starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    packaged: app.isPackaged,
    sqliteBinding: sqliteBinding ?? 'node_modules',
  })
  // Installed builds have no menu: no View ▸ Reload over a half-typed form, no Toggle Developer Tools.
  if (app.isPackaged) Menu.setApplicationMenu(null)
  // Made here, not only in the core, so a folder that cannot be made fails with the system's own code and path.
  mkdirSync(app.getPath('userData'), { recursive: true })
  const appWindows: BrowserWindow[] = []
  // electron-updater runs here (it quits the app and starts the installer); the core's state machine drives it.
  const updater = startUpdater()
  // The core runs in its own process (out/main/coreHost.js): a PDF, a sync or a long query never holds up this
  // thread, so windows, dialogs and printing stay responsive. The main side keeps what only Electron has.
  const core = await startCoreProxy({
    spawn: () => utilityProcessHost(utilityProcess.fork, join(import.meta.dirname, 'coreHost.js')),
    core: {
      dataDir: app.getPath('userData'),
      resourcesDir,
      appVersion: app.getVersion(),
      trustedUrlPrefixes: appUrlPrefixes(devServerUrl),
      // HQ sync runs in the background.
      backgroundSync: true,
      sqliteBinding,
      logsDir: log.dir,
      crashDumpsDir: app.getPath('crashDumps'),
    },
    shell: {
      // Job PDFs hold clients' data: they wait in the user's own profile folder, not in the shared temp folder.
      print: createElectronPrintPlatform({
        tempDir: join(app.getPath('userData'), 'print-jobs'),
        parentWindow: () => BrowserWindow.getFocusedWindow() ?? appWindows[0] ?? null,
      }),
      files: createElectronFileDialogs({
        parentWindow: () => BrowserWindow.getFocusedWindow() ?? appWindows[0] ?? null,
      }),
      // The HQ token is kept with the OS's encryption where there is one; the core asks for it here.
      secrets: createSafeStorageSecrets(join(app.getPath('userData'), 'secrets')),
      ...(updater ? { updater } : {}),
    },
    log: (message, error) => log.error(message, error),
    // The window and this thread first: a 20-photo PDF or a sync waits for them, not the other way round.
    belowNormalPriority: true,
  })
  // Previews come from the core as files in its transfer folder; the page loads them from app://…/transfer/<name>.
  serveRenderer(join(import.meta.dirname, '../renderer'), { transferDir: shellTransferDir(app.getPath('userData')) })
  restrictPermissions(session.defaultSession, devServerUrl)

  const dispatch = windowDispatch(core.dispatch, (message, error) => log.error(message, error))
  registerIpc(ipcMain, dispatch)

  const open = async () => {
    // What the first screen needs, asked before the window exists and handed to its page (shared/app/startupState.ts):
    // one round trip to the core here, while the page would otherwise wait for three after its code has loaded.
    const additionalArguments = await startupArguments(dispatch, devServerUrl ?? APP_ENTRY_URL, (message, error) =>
      log.error(message, error),
    )
    const win = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      devServerUrl,
      developerTools: !app.isPackaged,
      additionalArguments,
    })
    mainWindow = win
    const clientId = `wc-${win.webContents.id}`
    appWindows.push(win)
    win.on('closed', () => {
      core.sessions.forget(clientId)
      appWindows.splice(appWindows.indexOf(win), 1)
      if (mainWindow === win) mainWindow = null
    })
  }
  await open()
  app.on('activate', () => void (BrowserWindow.getAllWindows().length === 0 && open()))
  app.on('window-all-closed', () => app.quit())
  // Quitting waits for the core to stop sync and close the database; the second will-quit goes through.
  let coreClosed = false
  app.on('will-quit', (event) => {
    if (coreClosed) return
    event.preventDefault()
    core
      .close()
      .catch((error: unknown) => log.error('The core did not close cleanly', error))
      .finally(() => {
        coreClosed = true
        app.quit()
      })
  })
}

/** Updates are not worth a counter that does not start: an updater that cannot be made is logged and left out. */
function startUpdater(): ReturnType<typeof createElectronUpdater> | null {
  try {
    return createElectronUpdater(app, log)
  } catch (error) {
    log.error('The updater could not be started; updates are off until the next start', error)
    return null
  }
}

/** A second start of the app (a clerk double-clicking the icon) brings the running one's main window forward. */
function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/** A start that fails tells the user in Russian what to do (not a silent exit) and leaves the cause in the log. */
async function failToStart(error: unknown): Promise<void> {
  log.error('Branch Desk failed to start', error)
  const text = describeStartupFailure(error, { dataDir: app.getPath('userData'), logsDir: log.dir })
  log.info('start failure shown to the user', { kind: text.kind })
  // On disk before the dialog (which blocks) and the exit: the user may close it by killing the process.
  await log.flush()
  dialog.showErrorBox(text.title, text.content)
  app.exit(1)
}

// One instance per user: two would fight over the same SQLite file and blank stock.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showMainWindow)
  app.whenReady().then(start).catch(failToStart)
}
