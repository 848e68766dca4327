import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { CHANNELS } from '../../shared/contract'
import { systemClock, type Clock } from './clock'
import { foldHandlers, registerDocuments, type CoreServices, type Feature } from './feature'
import { BRANCH_TIME_ZONE } from './timeZone'
import { registerDerivedColumns } from '../db/derived'
import { registerWriteHooks } from '../db/write'
import { openDatabase, type Db } from '../db/openDatabase'
import { createDispatch, type Dispatch } from '../ipc/dispatch'
import type { Handlers } from '../ipc/handlers'
import { noFileDialogs, type FileDialogs } from '../files/fileDialogs'
import type { RemoteFiles } from '../photos/photoFetcher'
import type { DocumentRegistry } from '../print/documents'
import type { PrintPlatform } from '../print/platform'
import type { PreviewFiles } from '../print/previewFiles'
import { setUpPrinting } from '../print/setUpPrinting'
import { watchCalendar } from '../reference/calendarUpdates'
import { loadReferenceData, type ReferenceData } from '../reference/loadReferenceData'
import { recordSkippedReferences } from '../reference/skippedIssues'
import { appApp } from './app'
import { approvalApp } from '../approval/app'
import { startSearchUpkeep } from '../db/searchUpkeep'
import { applyStagedRestore, finishRestore, setUpBackups, type BackupOptions, type BackupService } from '../backup/api'
import { backupApp } from '../backup/app'
import { blanksApp } from '../blanks/app'
import { cascoApp } from '../casco/app'
import { openPhotoPool } from '../inspection/api'
import { inspectionApp } from '../inspection/app'
import { osagoApp } from '../osago/app'
import { printApp } from '../print/app'
import { referenceApp } from '../reference/app'
import { SessionRegistry } from '../session/api'
import { sessionApp } from '../session/app'
import { settingsApp } from '../settings/app'
import { setupApp } from '../setup/app'
import { PASSWORD_COST, type ScryptCost } from '../staff/api'
import { staffApp } from '../staff/app'
import { supportApp } from '../support/app'
import { PHOTO_BLOB_SOURCE, setUpSync, type SyncEngine, type SyncOptions } from '../sync/api'
import { searchApp } from '../search/app'
import { homeApp } from '../home/app'
import { recheckKbmAfterSync } from '../kbm/api'
import { kbmApp } from '../kbm/app'
import { clientApp } from '../client/app'
import { clientLookupApp } from '../clientLookup/app'
import { osAtRestPlatform, type AtRestPlatform } from '../client/api'
import { renewalApp } from '../renewal/app'
import { radarApp } from '../radar/app'
import { osagoChangeApp } from '../osagoChange/app'
import { fiscalApp } from '../fiscal/app'
import { paymentsApp } from '../payments/app'
import { reportsApp } from '../reports/app'
import { syncApp } from '../sync/app'
import {
  NON_WORKING_DAY_RULE_RECOUNT,
  recalculatePayoutDeadlines,
  recountForNonWorkingDayRule,
} from '../termination/api'
import { terminationApp } from '../termination/app'
import { setUpUpdates, type UpdateOptions } from '../update/api'
import { updateApp } from '../update/app'

/**
 * The features the core is made of (each `core/<feature>/app.ts`, docs/ARCHITECTURE.md «How to add a feature»):
 * their handlers make the handler table, their documents the print registry, their synced tables exactly
 * core/db/syncedTables.ts (core/app/features.test.ts) and each of those has an HQ rule (hq/rules/featureRules.test.ts).
 */
export const FEATURES: readonly Feature[] = [
  appApp,
  setupApp,
  sessionApp,
  staffApp,
  settingsApp,
  referenceApp,
  blanksApp,
  osagoApp,
  terminationApp,
  inspectionApp,
  cascoApp,
  approvalApp,
  printApp,
  syncApp,
  updateApp,
  backupApp,
  supportApp,
  searchApp,
  homeApp,
  clientApp,
  clientLookupApp,
  renewalApp,
  radarApp,
  osagoChangeApp,
  fiscalApp,
  kbmApp,
  paymentsApp,
  reportsApp,
]

export interface CoreOptions {
  /** The user-data folder: the database, photos (`photos/`), HQ's reference updates (`reference-updates/`), print
   * previews and transfer files, and a staged backup restore live here. */
  dataDir: string
  /** The bundled `resources/` folder (reference data, layouts). */
  resourcesDir: string
  isTrustedUrl: (url: string) => boolean
  clock?: Clock
  appVersion?: string
  log?: (message: string, error?: unknown) => void
  /** The shell's printing (Electron) or a recording double (tests, E2E); without it previews still work. */
  print?: PrintPlatform
  /** The shell's save and open dialogs (offline transfer files); without a shell those channels say why not. */
  files?: FileDialogs
  /** Sync with HQ: the token store (Electron's safeStorage in the app) and scheduling. */
  sync?: SyncOptions
  /** App updates through HQ: the shell's electron-updater (none in development builds and tests). */
  update?: UpdateOptions
  /** Local backups: the scheduler runs where sync runs in the background (the app) unless said otherwise. */
  backup?: BackupOptions
  /** better-sqlite3's Electron-ABI build (the app passes it; unset under Node) — see core/db/openDatabase.ts. */
  sqliteBinding?: string
  /** The shell's log and crash-dump folders, read into the admin's diagnostics archive (core/support). */
  logsDir?: string
  crashDumpsDir?: string
  /**
   * Asks whether the operating system encrypts the data folder's disk (core/client/atRest.ts; the OS's own tool by
   * default, a `RecordingAtRestPlatform` in tests that check the admin's home).
   */
  atRest?: AtRestPlatform
  /**
   * scrypt's cost for new password hashes: the app's (`PASSWORD_COST`) unless given. Only the unit tests' cores
   * lower it (core/testing/testCore.ts: a test signs several people in, at about 50 ms a hash); the E2E harness and
   * the host keep the app's. A hash carries its cost, so verifying needs none.
   */
  passwordCost?: ScryptCost
}

export interface Core {
  db: Db
  clock: Clock
  reference: ReferenceData
  sessions: SessionRegistry
  /**
   * One handler per contract channel, folded from FEATURES (a channel with none or two stops the start;
   * core/app/handlersComplete.test.ts); `dispatch` checks a call and runs it.
   */
  handlers: Handlers
  dispatch: Dispatch
  /** Printable documents by kind: every feature's `documents`, registered at start (core/app/feature.ts). */
  documents: DocumentRegistry
  /** Previews' PDFs as one-time files; the shell (and the E2E harness) serves them to the page from `previews.dir`. */
  previews: PreviewFiles
  sync: SyncEngine
  /** Local backups (the scheduler's tick, for tests; the channels for the screens). */
  backups: BackupService
  close(): Promise<void>
}

/**
 * Builds the whole application core without Electron: the reference data, the database, the long-lived services
 * (print kit, photo pool, sync, updates, backups, the calendar watch), then FEATURES folded into the handler table
 * and the document registry. The app runs it in its own process (core/host/runHost.ts; the main process holds only
 * electron/main/coreProxy.ts and registers its `dispatch` with ipcMain); the E2E harness (e2e/harness/bindCore.ts
 * binds `dispatch` to the page) and the tests run it in-process.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock
  const appVersion = opts.appVersion ?? '0.0.0-dev'
  const files = opts.files ?? noFileDialogs
  // Before sync can apply anything: the Writer recomputes these for every row applied from HQ (core/db/derived.ts).
  registerDerivedColumns(FEATURES.flatMap((f) => f.derived ?? []))
  registerWriteHooks(FEATURES.flatMap((f) => f.writeHooks ?? []))
  // Reference data before the database: a broken bundled tariff or catalogue file stops the app before anyone
  // signs in. HQ's reference updates land in `<dataDir>/reference-updates` and add versions to the bundled ones;
  // one that cannot be used is skipped, logged and recorded for the admin below.
  // A backup restored at first run is put in place before anything reads the data folder (core/backup/restore.ts).
  const restored = applyStagedRestore(opts.dataDir)
  const reference = loadReferenceData({
    bundledDir: opts.resourcesDir,
    overrideDir: join(opts.dataDir, 'reference-updates'),
  })
  for (const s of reference.skipped) opts.log?.(`Reference file from HQ not used: ${s.file}: ${s.reason}`)
  mkdirSync(opts.dataDir, { recursive: true })
  const db = await openDatabase(join(opts.dataDir, 'branch-desk.sqlite'), {
    nativeBinding: opts.sqliteBinding,
    // With the app's background work: the WAL is copied into the database file by a worker thread, not inside the
    // commits on this thread (core/db/walCheckpointer.ts). Tests that drive the core themselves leave it off.
    checkpointInBackground: opts.sync?.background === true,
    onCheckpointerError: (message) => opts.log?.(`WAL checkpoint worker: ${message}; the core checkpoints itself`),
  })
  if (restored) await finishRestore(db, opts.dataDir, restored, clock.now())
  // A skipped HQ file is shown to the admin on the sync screen, not only logged (decision 59).
  await recordSkippedReferences(db, reference.skipped, clock.now().toISOString())
  const sessions = new SessionRegistry()

  // The long-lived services the features use. The print kit: blank layouts (a broken one stops the start), the
  // empty registry, preview files, the shell's printing.
  const print = setUpPrinting({ resourcesDir: opts.resourcesDir, dataDir: opts.dataDir, platform: opts.print })
  // The photo pool is opened before sync, yet fetches photos through it: the engine is looked up when asked.
  let syncEngine: SyncEngine | null = null
  const remotePhotos: RemoteFiles = {
    available: async () => (syncEngine ? syncEngine.isEnrolled() : false),
    download: (sha256, dest, onProgress) =>
      syncEngine!.downloadFile(sha256, dest, PHOTO_BLOB_SOURCE, (t) => onProgress(t.done, t.total)),
  }
  const photos = await openPhotoPool({ db, dataDir: opts.dataDir, remote: remotePhotos })
  const sync = setUpSync(
    {
      db,
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      reference,
      clock,
      log: opts.log,
      photos: photos.store,
      files,
    },
    opts.sync,
  )
  syncEngine = sync.engine
  const updates = setUpUpdates({ clock, sessions, hq: () => sync.engine.hqAccess(), log: opts.log }, opts.update)
  sync.engine.onReachable(() => updates.service.hqReachable())
  // Issued policies priced with a typed KBM class are asked about again once HQ answers (docs/domain/kbm-check.md).
  recheckKbmAfterSync({ db, engine: sync.engine, reference, now: () => clock.now(), timeZone: BRANCH_TIME_ZONE })
  const updater = opts.update?.updater
  const backups = setUpBackups(
    {
      db,
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      photos: photos.store,
      clock,
      files,
      appVersion,
      timeZone: BRANCH_TIME_ZONE,
      nativeBinding: opts.sqliteBinding,
      log: opts.log,
      relaunch: updater ? () => updater.relaunch() : undefined,
    },
    { background: opts.sync?.background === true, ...opts.backup },
  )
  // Open applications' payout deadlines follow the calendar: counted again when HQ's update or a newer build changes it.
  const calendarWatch = watchCalendar({
    db,
    reference,
    clock,
    log: opts.log,
    onChange: async (previous, current) => {
      await recalculatePayoutDeadlines(db, reference, previous, current, clock.now())
    },
    // Rules 2023-01-30.2 move a payout's last day off a non-working day (GK RF art. 193): dates counted keeping it, once.
    once: [
      {
        kind: NON_WORKING_DAY_RULE_RECOUNT,
        run: async (countedOn) => {
          await recountForNonWorkingDayRule(db, reference, countedOn, clock.now())
        },
      },
    ],
  })
  await calendarWatch.ready
  // The search indexes merged in idle steps (core/db/searchUpkeep.ts): where the app runs its background work.
  const searchUpkeep = opts.sync?.background === true ? startSearchUpkeep({ db, log: opts.log }) : null

  // The features, folded: documents first (the print channels read the registry), then the handler table.
  const services: CoreServices = {
    db,
    clock,
    reference,
    sessions,
    timeZone: BRANCH_TIME_ZONE,
    appVersion,
    dataDir: opts.dataDir,
    files,
    logsDir: opts.logsDir,
    crashDumpsDir: opts.crashDumpsDir,
    print,
    photos,
    sync,
    updates,
    backups,
    // Asked at start, in the background: the answer waits for the admin's home, never delays the start.
    atRest: (opts.atRest ?? osAtRestPlatform()).check(opts.dataDir),
    passwordCost: opts.passwordCost ?? PASSWORD_COST,
  }
  registerDocuments(FEATURES, services)
  const handlers = foldHandlers(FEATURES, services, CHANNELS)
  const dispatch = createDispatch({ db, clock, sessions, handlers, isTrustedUrl: opts.isTrustedUrl, log: opts.log })
  return {
    db,
    clock,
    reference,
    sessions,
    handlers,
    dispatch,
    documents: print.documents,
    previews: print.previews,
    sync: sync.engine,
    backups: backups.service,
    close: async () => {
      await sync.engine.stop()
      await backups.service.stop()
      await calendarWatch.stop()
      await searchUpkeep?.stop()
      await db.destroy()
      print.previews.close()
    },
  }
}
