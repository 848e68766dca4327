/**
 * A recording STAND-IN for the 'electron' module — not Electron. The smoke test runs the built main process
 * (`out/main`) under plain Node with this module answering every `import … from 'electron'` (see
 * electronHooks.mjs), so it can read what the shell asked Electron to do: which switches and schemes it set up
 * before `ready`, which windows it opened with which preferences, which IPC channels and protocol handlers it
 * registered, which dialogs it showed. It implements just enough behaviour for the shell to run (a protocol
 * handler can be fetched, IPC handlers can be invoked, `utilityProcess.fork` starts a real child process) and
 * lets the test emit the events Electron would (ready, second-instance, render-process-gone, …).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface StandInConfig {
  /** Folders app.getPath() answers with; `userData` is where the shell keeps the database. */
  paths: Record<string, string>
  appPath: string
  /** process.resourcesPath in a packaged app. */
  resourcesPath: string
  isPackaged: boolean
  version: string
  /** What requestSingleInstanceLock() answers: false = another instance already runs. */
  singleInstanceLock: boolean
  /** Answers of showSaveDialog / showOpenDialog, taken in order; none left = cancelled. */
  saveDialogAnswers: string[]
  openDialogAnswers: string[]
}

export interface RecordedCall {
  api: string
  args: unknown[]
  /** Whether app 'ready' had not yet fired: some calls (schemes, sandbox, switches) only work then. */
  beforeReady: boolean
}

interface Recorder {
  config: StandInConfig
  calls: RecordedCall[]
  ready: boolean
  readyWaiters: (() => void)[]
  windows: FakeBrowserWindow[]
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>
  errorBoxes: { title: string; content: string }[]
  exitCode: number | null
  quitRequested: boolean
  switches: Map<string, string>
  children: FakeUtilityProcess[]
  exports: Record<string, unknown>
}

const STATE_KEY = '__electronStandIn'
const g = globalThis as unknown as Record<string, Recorder | undefined>

function defaultConfig(): StandInConfig {
  const base = join(process.cwd(), '.smoke-standin')
  return {
    paths: {
      userData: join(base, 'userData'),
      logs: join(base, 'logs'),
      temp: join(base, 'temp'),
      crashDumps: join(base, 'crashDumps'),
    },
    appPath: process.cwd(),
    resourcesPath: join(process.cwd(), 'resources'),
    isPackaged: false,
    version: '0.0.0-standin',
    singleInstanceLock: true,
    saveDialogAnswers: [],
    openDialogAnswers: [],
  }
}

// One recorder per process even if this file is loaded twice (ESM import and the CJS bridge).
const rec: Recorder = (g[STATE_KEY] ??= {
  config: defaultConfig(),
  calls: [],
  ready: false,
  readyWaiters: [],
  windows: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  errorBoxes: [],
  exitCode: null,
  quitRequested: false,
  switches: new Map(),
  children: [],
  exports: {},
})

function record(api: string, ...args: unknown[]): void {
  rec.calls.push({ api, args, beforeReady: !rec.ready })
}

// ---------------------------------------------------------------------------------------------- app
class FakeApp extends EventEmitter {
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => {
      record('app.commandLine.appendSwitch', name, value)
      rec.switches.set(name, value ?? '')
    },
    appendArgument: (arg: string) => record('app.commandLine.appendArgument', arg),
    hasSwitch: (name: string) => rec.switches.has(name),
    getSwitchValue: (name: string) => rec.switches.get(name) ?? '',
    removeSwitch: (name: string) => void rec.switches.delete(name),
  }

  get isPackaged(): boolean {
    return rec.config.isPackaged
  }

  getPath(name: string): string {
    const path = rec.config.paths[name]
    if (!path) throw new Error(`Failed to get '${name}' path`)
    return path
  }

  setPath(name: string, path: string): void {
    record('app.setPath', name, path)
    rec.config.paths[name] = path
  }

  setAppLogsPath(path?: string): void {
    record('app.setAppLogsPath', path)
    rec.config.paths.logs = path ?? join(this.getPath('userData'), 'logs')
  }

  getAppPath(): string {
    return rec.config.appPath
  }
  getVersion(): string {
    return rec.config.version
  }
  getName(): string {
    return 'Branch Desk'
  }
  setName(name: string): void {
    record('app.setName', name)
  }
  getLocale(): string {
    return rec.switches.get('lang') ?? 'en-US'
  }
  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id)
  }
  isReady(): boolean {
    return rec.ready
  }
  focus(): void {
    record('app.focus')
  }
  relaunch(): void {
    record('app.relaunch')
  }

  enableSandbox(): void {
    record('app.enableSandbox')
  }
  disableHardwareAcceleration(): void {
    record('app.disableHardwareAcceleration')
  }

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock')
    return rec.config.singleInstanceLock
  }

  whenReady(): Promise<void> {
    record('app.whenReady')
    if (rec.ready) return Promise.resolve()
    return new Promise((resolve) => rec.readyWaiters.push(resolve))
  }

  quit(): void {
    record('app.quit')
    rec.quitRequested = true
    const beforeQuit = preventable()
    this.emit('before-quit', beforeQuit.event)
    if (beforeQuit.prevented) return
    for (const win of [...rec.windows]) win.close()
    const willQuit = preventable()
    this.emit('will-quit', willQuit.event)
    if (willQuit.prevented) return
    this.emit('quit', preventable().event, 0)
  }

  exit(code = 0): void {
    record('app.exit', code)
    rec.exitCode = code
  }
}

function preventable(): { event: { preventDefault(): void; defaultPrevented: boolean }; prevented: boolean } {
  const box = {
    prevented: false,
    event: {
      defaultPrevented: false,
      preventDefault() {
        box.prevented = true
        box.event.defaultPrevented = true
      },
    },
  }
  return box
}

export const app = new FakeApp()

// ----------------------------------------------------------------------------------- windows & contents
let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  url = ''
  loads: string[] = []
  reloads = 0
  devToolsOpened = 0
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null
  destroyed = false
  readonly session = defaultSession

  loadURL(url: string): Promise<void> {
    record('webContents.loadURL', this.id, url)
    this.url = url
    this.loads.push(url)
    return Promise.resolve()
  }
  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).toString())
  }
  getURL(): string {
    return this.url
  }
  reload(): void {
    record('webContents.reload', this.id)
    this.reloads++
  }
  reloadIgnoringCache(): void {
    this.reload()
  }
  openDevTools(): void {
    record('webContents.openDevTools', this.id)
    this.devToolsOpened++
  }
  closeDevTools(): void {
    record('webContents.closeDevTools', this.id)
  }
  isDevToolsOpened(): boolean {
    return false
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isCrashed(): boolean {
    return false
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', this.id, channel, ...args)
  }
  print(options: unknown, callback?: (success: boolean, reason: string) => void): void {
    record('webContents.print', this.id, options)
    callback?.(true, '')
  }
  printToPDF(options: unknown): Promise<Buffer> {
    record('webContents.printToPDF', this.id, options)
    return Promise.resolve(Buffer.from('%PDF-1.4\n%stand-in\n'))
  }
  getPrintersAsync(): Promise<unknown[]> {
    return Promise.resolve([])
  }
  executeJavaScript(code: string): Promise<unknown> {
    record('webContents.executeJavaScript', this.id, code)
    return Promise.resolve(undefined)
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return rec.windows.filter((w) => !w.destroyed)
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return rec.windows.find((w) => w.focused && !w.destroyed) ?? null
  }
  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return rec.windows.find((w) => w.webContents === contents) ?? null
  }
  static fromId(id: number): FakeBrowserWindow | null {
    return rec.windows.find((w) => w.id === id) ?? null
  }

  readonly id: number
  readonly options: Record<string, unknown>
  readonly webContents = new FakeWebContents()
  visible: boolean
  minimized = false
  focused = false
  destroyed = false
  menu: unknown = undefined
  focusCount = 0
  restoreCount = 0

  constructor(options: Record<string, unknown> = {}) {
    super()
    if (!rec.ready) throw new Error('Cannot create BrowserWindow before app is ready')
    record('new BrowserWindow', options)
    this.options = options
    this.id = this.webContents.id
    this.visible = options.show !== false
    rec.windows.push(this)
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }
  loadFile(path: string): Promise<void> {
    return this.webContents.loadFile(path)
  }
  show(): void {
    this.visible = true
    this.focused = true
  }
  hide(): void {
    this.visible = false
  }
  isVisible(): boolean {
    return this.visible
  }
  focus(): void {
    record('BrowserWindow.focus', this.id)
    this.focused = true
    this.focusCount++
  }
  blur(): void {
    this.focused = false
  }
  isFocused(): boolean {
    return this.focused
  }
  minimize(): void {
    this.minimized = true
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    record('BrowserWindow.restore', this.id)
    this.minimized = false
    this.restoreCount++
  }
  reload(): void {
    this.webContents.reload()
  }
  setMenu(menu: unknown): void {
    this.menu = menu
  }
  removeMenu(): void {
    this.menu = null
  }
  setMenuBarVisibility(_visible: boolean): void {}
  setTitle(_title: string): void {}
  isDestroyed(): boolean {
    return this.destroyed
  }
  close(): void {
    if (this.destroyed) return
    const close = preventable()
    this.emit('close', close.event)
    if (close.prevented) return
    this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (FakeBrowserWindow.getAllWindows().length === 0 && !rec.quitRequested) app.emit('window-all-closed')
  }
}

export const BrowserWindow = FakeBrowserWindow
export const webContents = {
  getAllWebContents: () => rec.windows.map((w) => w.webContents),
  fromId: (id: number) => rec.windows.find((w) => w.webContents.id === id)?.webContents ?? null,
}

// ----------------------------------------------------------------------------------------- session
class FakeSession {
  permissionRequestHandler: unknown = null
  permissionCheckHandler: unknown = null
  beforeRequest: unknown = null
  readonly webRequest = {
    onBeforeRequest: (handler: unknown) => {
      record('session.webRequest.onBeforeRequest')
      this.beforeRequest = handler
    },
    onHeadersReceived: (_handler: unknown) => record('session.webRequest.onHeadersReceived'),
  }
  readonly protocol = protocol
  setPermissionRequestHandler(handler: unknown): void {
    record('session.setPermissionRequestHandler')
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: unknown): void {
    record('session.setPermissionCheckHandler')
    this.permissionCheckHandler = handler
  }
  setSpellCheckerEnabled(_enabled: boolean): void {}
  clearCache(): Promise<void> {
    return Promise.resolve()
  }
}

// ---------------------------------------------------------------------------------------- protocol
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    record('protocol.registerSchemesAsPrivileged', schemes)
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    record('protocol.handle', scheme)
    if (!rec.ready) throw new Error('protocol.handle must be called after app is ready')
    rec.protocolHandlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    rec.protocolHandlers.delete(scheme)
  },
  isProtocolHandled(scheme: string): boolean {
    return rec.protocolHandlers.has(scheme)
  },
}

const defaultSession = new FakeSession()
export const session = { defaultSession, fromPartition: () => defaultSession }

// --------------------------------------------------------------------------------------------- net
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

export const net = {
  /** Only file: URLs, which is all the app:// handler fetches; the network is not there under the stand-in. */
  fetch(url: string): Promise<Response> {
    record('net.fetch', url)
    if (!url.startsWith('file:')) return Promise.reject(new Error(`stand-in net.fetch: no network for ${url}`))
    const path = fileURLToPath(url)
    if (!existsSync(path)) return Promise.resolve(new Response('', { status: 404 }))
    return Promise.resolve(
      new Response(readFileSync(path), {
        status: 200,
        headers: { 'content-type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream' },
      }),
    )
  },
}

// ------------------------------------------------------------------------------------------ ipcMain
class FakeIpcMain extends EventEmitter {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (rec.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    rec.ipcHandlers.set(channel, handler)
  }
  handleOnce(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    this.handle(channel, handler)
  }
  removeHandler(channel: string): void {
    rec.ipcHandlers.delete(channel)
  }
}
export const ipcMain = new FakeIpcMain()

// ------------------------------------------------------------------------------------------ dialogs
export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content)
    rec.errorBoxes.push({ title, content })
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    record('dialog.showSaveDialog', ...args.filter((a) => !(a instanceof FakeBrowserWindow)))
    const filePath = rec.config.saveDialogAnswers.shift()
    return Promise.resolve(filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' })
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    record('dialog.showOpenDialog', ...args.filter((a) => !(a instanceof FakeBrowserWindow)))
    const filePath = rec.config.openDialogAnswers.shift()
    return Promise.resolve(filePath ? { canceled: false, filePaths: [filePath] } : { canceled: true, filePaths: [] })
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', ...args.filter((a) => !(a instanceof FakeBrowserWindow)))
    return Promise.resolve({ response: 0, checkboxChecked: false })
  },
  showMessageBoxSync(...args: unknown[]): number {
    record('dialog.showMessageBoxSync', ...args.filter((a) => !(a instanceof FakeBrowserWindow)))
    return 0
  },
}

// ----------------------------------------------------------------------------- crashes, menu, others
export const crashReporter = {
  start(options: unknown): void {
    record('crashReporter.start', options)
  },
  getLastCrashReport: () => null,
  getUploadedReports: () => [],
}

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    record('Menu.setApplicationMenu', menu)
  },
  getApplicationMenu: () => null,
  buildFromTemplate: (template: unknown) => ({ template }),
}

export const globalShortcut = {
  register: (accelerator: string) => {
    record('globalShortcut.register', accelerator)
    return true
  },
  unregisterAll: () => record('globalShortcut.unregisterAll'),
}

export const shell = {
  openPath: (path: string) => {
    record('shell.openPath', path)
    return Promise.resolve('')
  },
  openExternal: (url: string) => {
    record('shell.openExternal', url)
    return Promise.resolve()
  },
  showItemInFolder: (path: string) => record('shell.showItemInFolder', path),
}

/** Not real encryption: the stand-in only has to round-trip, and says it is not the OS's store. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (text: string) => Buffer.from(`standin:${text}`, 'utf8'),
  decryptString: (data: Buffer) => data.toString('utf8').replace(/^standin:/u, ''),
}

export const powerMonitor = new EventEmitter()
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }

// ------------------------------------------------------------------------------------ utilityProcess
/**
 * `utilityProcess.fork` starts a real Node child process with `process.parentPort` as Electron gives it
 * (utilityParentPort.mjs), so a core that runs in its own process under Electron runs in one here too.
 */
const UTILITY_READY = '__electronStandInUtilityReady'

export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess
  pid: number | undefined
  private ready = false
  private readonly queued: unknown[] = []

  constructor(
    modulePath: string,
    args: string[],
    options: { env?: NodeJS.ProcessEnv; serviceName?: string; stdio?: unknown } = {},
  ) {
    super()
    const shim = fileURLToPath(new URL('./utilityParentPort.mjs', import.meta.url))
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'))
    this.child = fork(modulePath, args, {
      env: options.env ?? process.env,
      execArgv: [...execArgv, '--import', pathToFileURL(shim).toString()],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.pid = this.child.pid
    this.child.on('spawn', () => this.emit('spawn'))
    this.child.on('message', (data) => {
      if (data && typeof data === 'object' && UTILITY_READY in data) {
        this.ready = true
        for (const message of this.queued.splice(0)) this.child.send(message as never)
        return
      }
      this.emit('message', data)
    })
    this.child.on('exit', (code) => {
      this.pid = undefined
      this.emit('exit', code ?? 1)
    })
    this.child.on('error', (error) => this.emit('error', 'FatalError', String(error)))
  }

  postMessage(message: unknown, _transfer?: unknown[]): void {
    if (!this.ready) this.queued.push(message)
    else if (this.child.connected) this.child.send(message as never)
  }

  kill(): boolean {
    return this.child.kill()
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    record('utilityProcess.fork', modulePath, args, { serviceName: options.serviceName })
    const child = new FakeUtilityProcess(modulePath, args, options)
    rec.children.push(child)
    return child
  },
}

export class MessageChannelMain {
  readonly port1: unknown
  readonly port2: unknown
  constructor() {
    throw new Error('stand-in: MessageChannelMain is not available; use postMessage without ports')
  }
}

// ---------------------------------------------------------------------------------- renderer-side API
// The preload is checked by reading its file (preload.smoke.ts), not run here; these only keep imports working.
export const contextBridge = { exposeInMainWorld: (key: string) => record('contextBridge.exposeInMainWorld', key) }
export const ipcRenderer = { invoke: () => Promise.reject(new Error('stand-in: no renderer')) }

// -------------------------------------------------------------------------------- test-side controls
export const standIn = {
  get state(): Recorder {
    return rec
  },
  configure(partial: Partial<StandInConfig>): void {
    rec.config = { ...rec.config, ...partial, paths: { ...rec.config.paths, ...partial.paths } }
    ;(process as unknown as { resourcesPath: string }).resourcesPath = rec.config.resourcesPath
  },
  calls(api: string): RecordedCall[] {
    return rec.calls.filter((c) => c.api === api)
  },
  /** Fires 'will-finish-launching' and 'ready' as Electron does once the app may open windows. */
  becomeReady(): void {
    if (rec.ready) return
    app.emit('will-finish-launching')
    rec.ready = true
    const launchInfo = {}
    app.emit('ready', {}, launchInfo)
    for (const resolve of rec.readyWaiters.splice(0)) resolve()
  },
  /** Waits for a condition the shell reaches asynchronously (a window opened, a dialog shown). */
  async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const value = probe()
      if (value) return value
      if (Date.now() > until) throw new Error(`stand-in: timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  },
  /** Calls a registered IPC handler as the given window's main frame (or any frame/URL the test names). */
  async invoke(
    channel: string,
    input: unknown,
    from: { window?: FakeBrowserWindow; url?: string; mainFrame?: boolean } = {},
  ): Promise<unknown> {
    const handler = rec.ipcHandlers.get(channel)
    if (!handler) throw new Error(`stand-in: no handler registered for ${channel}`)
    const win = from.window ?? rec.windows.find((w) => !w.destroyed)
    const sender = win?.webContents ?? new FakeWebContents()
    const frame = { url: from.url ?? sender.url, parent: from.mainFrame === false ? {} : null }
    return handler({ sender, senderFrame: frame, frameId: 1, processId: 1 }, input)
  },
  /** Fetches a URL through the handler the shell registered for its scheme. */
  async fetch(url: string): Promise<Response> {
    const handler = rec.protocolHandlers.get(new URL(url).protocol.replace(/:$/u, ''))
    if (!handler) throw new Error(`stand-in: no protocol handler for ${url}`)
    return handler(new Request(url))
  },
  mainWindows(): FakeBrowserWindow[] {
    return rec.windows.filter((w) => !w.destroyed)
  },
  killChildren(): void {
    for (const child of rec.children) child.kill()
  },
}

const moduleExports = {
  app,
  BrowserWindow,
  webContents,
  session,
  protocol,
  net,
  ipcMain,
  dialog,
  crashReporter,
  Menu,
  globalShortcut,
  shell,
  safeStorage,
  powerMonitor,
  nativeTheme,
  utilityProcess,
  MessageChannelMain,
  contextBridge,
  ipcRenderer,
}
rec.exports = moduleExports
export default moduleExports
