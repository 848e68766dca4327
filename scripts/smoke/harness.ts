/**
 * Starts the BUILT main process (`out/main/index.js`, from `electron-vite build`) under Node with the recording
 * Electron stand-in, in fresh temp folders laid out as an installed app has them: the reference data and the
 * separate better-sqlite3 binding under the resources path, the user-data and logs folders apart. One start
 * per process: the main module runs once, so each *.smoke.ts file is its own process (node --test).
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { standIn, type FakeBrowserWindow } from './electronStandIn'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const OUT_MAIN = join(ROOT, 'out', 'main', 'index.js')
export const OUT_PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs')
/** node_modules' better-sqlite3 build (Node's ABI), copied to where an installed app keeps its Electron build. */
export const NODE_SQLITE_BINDING = join(
  ROOT,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
)

export interface SmokeLayout {
  root: string
  userData: string
  logs: string
  temp: string
  crashDumps: string
  /** process.resourcesPath of the pretend installation */
  resourcesPath: string
  /** The binding the shell should hand knex (a copy made for this run). */
  binding: string
  /** app.getAppPath(): app.asar when installed; a project folder (resources/, native/electron/) in development. */
  appPath: string
}

export interface SmokeOptions {
  packaged?: boolean
  singleInstanceLock?: boolean
  /** Changes the layout before the app starts (a broken reference file, a user-data path under a file). */
  arrange?: (layout: SmokeLayout) => void
  saveDialogAnswers?: string[]
}

export function assertBuilt(): void {
  if (!existsSync(OUT_MAIN) || !existsSync(OUT_PRELOAD)) {
    throw new Error('The smoke test runs the built app: run `npx electron-vite build` first (npm run test:smoke does).')
  }
}

/** Lays out the folders and configures the stand-in; the test then calls loadMain() and becomeReady(). */
export function prepare(opts: SmokeOptions = {}): SmokeLayout {
  assertBuilt()
  const root = mkdtempSync(join(tmpdir(), 'branch-desk-smoke-'))
  const resourcesPath = join(root, 'installed', 'resources')
  const packaged = opts.packaged ?? true
  const project = join(root, 'project')
  const layout: SmokeLayout = {
    root,
    userData: join(root, 'config', 'Branch Desk'),
    logs: join(root, 'config', 'Branch Desk', 'logs'),
    temp: join(root, 'tmp'),
    crashDumps: join(root, 'config', 'Branch Desk', 'Crashpad'),
    resourcesPath,
    binding: packaged
      ? join(resourcesPath, 'native', 'better_sqlite3.node')
      : join(project, 'native', 'electron', 'better_sqlite3.node'),
    appPath: packaged ? join(resourcesPath, 'app.asar') : project,
  }
  mkdirSync(layout.temp, { recursive: true })
  // What electron-builder's extraResources puts beside the app (or `npm run native:electron` in a project):
  // the reference data and the separate binding — here node_modules' Node build, as Node runs the shell.
  const base = packaged ? resourcesPath : project
  cpSync(join(ROOT, 'resources'), join(base, 'resources'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith('.json'),
  })
  mkdirSync(dirname(layout.binding), { recursive: true })
  copyFileSync(NODE_SQLITE_BINDING, layout.binding)
  opts.arrange?.(layout)
  standIn.configure({
    paths: {
      userData: layout.userData,
      logs: layout.logs,
      temp: layout.temp,
      crashDumps: layout.crashDumps,
      appData: join(root, 'config'),
      home: root,
    },
    appPath: layout.appPath,
    resourcesPath,
    isPackaged: packaged,
    version: '0.1.0',
    singleInstanceLock: opts.singleInstanceLock ?? true,
    saveDialogAnswers: opts.saveDialogAnswers ?? [],
  })
  return layout
}

/** Imports the built main module: what Electron does with `main` from package.json. */
export async function loadMain(): Promise<void> {
  await import(pathToFileURL(OUT_MAIN).href)
}

/** Waits until the shell opened its main window (or gave up with an error dialog, which the test then sees). */
export async function waitForMainWindow(): Promise<FakeBrowserWindow> {
  await standIn.waitFor(
    () => standIn.mainWindows().length > 0 || standIn.state.errorBoxes.length > 0,
    'the main window or an error dialog',
  )
  const box = standIn.state.errorBoxes[0]
  if (box)
    throw new Error(
      `the app showed an error dialog instead of a window: ${box.title}\n${box.content}\nlog:\n${readLog(standIn.state.config.paths.logs!)}`,
    )
  return standIn.mainWindows()[0]!
}

/** Every rotating log file's lines in the folder, oldest first. */
export function readLog(dir: string): string {
  if (!existsSync(dir)) return ''
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('')
}

export function logEntries(dir: string): Array<Record<string, unknown> & { msg: string; level: number }> {
  return readLog(dir)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; level: number })
}

/** Quits the app the way Electron would (windows close, will-quit) and removes the temp folders. */
export async function shutDown(layout: SmokeLayout): Promise<void> {
  const { app } = await import('./electronStandIn')
  app.quit()
  await new Promise((r) => setTimeout(r, 300))
  standIn.killChildren()
  rmSync(layout.root, { recursive: true, force: true })
}

/** Shared objects (.node files) mapped into this process and its child processes, from /proc (Linux). */
export function loadedNativeModules(): string[] {
  const pids = [
    process.pid,
    ...standIn.state.children.map((c) => c.child.pid).filter((p): p is number => typeof p === 'number'),
  ]
  const found = new Set<string>()
  for (const pid of pids) {
    let maps = ''
    try {
      maps = readFileSync(`/proc/${pid}/maps`, 'utf8')
    } catch {
      continue
    }
    for (const line of maps.split('\n')) {
      const path = line.slice(line.indexOf('/'))
      if (line.includes('/') && path.endsWith('.node')) found.add(path)
    }
  }
  return [...found]
}
