import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the shell finds its files. Installed: beside the app in `resources/` (reference data, the Electron build
 * of better-sqlite3). Development (`npm start`): the project folder, with the Electron build that
 * `npm run native:electron` made in `native/electron/` — node_modules keeps Node's build for the tests.
 */
export interface ShellLocation {
  isPackaged: boolean
  /** process.resourcesPath (installed) */
  resourcesPath: string
  /** app.getAppPath(): the project folder in development */
  appPath: string
}

export const SQLITE_BINDING_FILE = 'better_sqlite3.node'

export function referenceDir(at: ShellLocation): string {
  return at.isPackaged ? join(at.resourcesPath, 'resources') : join(at.appPath, 'resources')
}

/**
 * better-sqlite3's Electron-ABI binding, handed to knex as `nativeBinding`. Installed builds always name theirs
 * (a missing one is a broken installation and says so); in development a project without one falls back to
 * node_modules' build, which Electron refuses with a message that the start dialog turns into advice.
 */
export function sqliteBindingPath(at: ShellLocation): string | undefined {
  if (at.isPackaged) return join(at.resourcesPath, 'native', SQLITE_BINDING_FILE)
  const built = join(at.appPath, 'native', 'electron', SQLITE_BINDING_FILE)
  return existsSync(built) ? built : undefined
}

/** A development run keeps its own data: trying things out never touches an installed app's branch database. */
export function developmentUserData(installedUserData: string): string {
  return `${installedUserData}-dev`
}
