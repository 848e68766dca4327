import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { appHandlers } from './appHandlers'
import { systemClock, type Clock } from './clock'
import { openDatabase, type Db } from '../db/openDatabase'
import { createDispatch, type Dispatch } from '../ipc/dispatch'
import type { Handlers } from '../ipc/handlers'
import { sessionHandlers } from '../session/sessionHandlers'
import { SessionRegistry } from '../session/sessionRegistry'
import { settingsHandlers } from '../settings/settingsHandlers'
import { setupHandlers } from '../setup/setupHandlers'
import { staffHandlers } from '../staff/staffHandlers'
import { blanksHandlers } from '../blanks/blanksHandlers'
import { osagoHandlers } from '../osago/osagoHandlers'
import { loadReferenceData, versionIdsInForce, type ReferenceData } from '../reference/loadReferenceData'
import { todayIn } from '../../shared/dates/calendarDate'
import { BRANCH_TIME_ZONE } from './timeZone'

export interface CoreOptions {
  /** The user-data folder: the database and (later) photos and PDFs live here. */
  dataDir: string
  /** The bundled `resources/` folder (reference data, layouts). */
  resourcesDir: string
  isTrustedUrl: (url: string) => boolean
  clock?: Clock
  appVersion?: string
  log?: (message: string, error?: unknown) => void
}

export interface Core {
  db: Db
  clock: Clock
  reference: ReferenceData
  sessions: SessionRegistry
  /** The handler table the shell registers with ipcMain and the E2E harness binds to the page. */
  handlers: Handlers
  dispatch: Dispatch
  close(): Promise<void>
}

/** Builds the whole application core without Electron: used by the main process, the E2E harness and tests. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock
  // Reference data first: a broken tariff or catalogue file must stop the app before anyone signs in.
  // HQ's reference updates (sync issue) land in the data folder and add versions to the bundled ones.
  const reference = loadReferenceData({ bundledDir: opts.resourcesDir, overrideDir: join(opts.dataDir, 'reference-updates') })
  mkdirSync(opts.dataDir, { recursive: true })
  const db = await openDatabase(join(opts.dataDir, 'branch-desk.sqlite'))
  const sessions = new SessionRegistry()
  const handlers: Handlers = {
    ...appHandlers(db, sessions, {
      appVersion: opts.appVersion ?? '0.0.0-dev',
      referenceVersions: () => versionIdsInForce(reference, todayIn(BRANCH_TIME_ZONE, clock.now())),
    }),
    ...setupHandlers(db),
    ...sessionHandlers(db, sessions),
    ...staffHandlers(db, clock, sessions),
    ...settingsHandlers(db),
    ...blanksHandlers(db),
    ...osagoHandlers(db, reference),
  }
  const dispatch = createDispatch({ db, clock, sessions, handlers, isTrustedUrl: opts.isTrustedUrl, log: opts.log })
  return {
    db, clock, reference, sessions, handlers, dispatch,
    close: () => db.destroy(),
  }
}
