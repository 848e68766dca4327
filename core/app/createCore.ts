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
import { markOsagoPrinted, osagoHandlers } from '../osago/osagoHandlers'
import { findOsagoRow, toPolicy } from '../osago/osagoRows'
import { blankPrintGateFor } from '../osago/registrationRows'
import { terminationHandlers } from '../termination/terminationHandlers'
import { loadApplication } from '../termination/applicationRows'
import { registerTerminationDocuments } from '../print/termination/registerTerminationDocuments'
import type { DocumentRegistry } from '../print/documents'
import type { PrintPlatform } from '../print/platform'
import { setUpPrinting } from '../print/setUpPrinting'
import type { PreviewFiles } from '../print/previewFiles'
import { setUpInspections } from '../inspection/setUpInspections'
import { loadReferenceData, versionIdsInForce, type ReferenceData } from '../reference/loadReferenceData'
import { recordSkippedReferences } from '../reference/skippedIssues'
import { todayIn } from '../../shared/dates/calendarDate'
import { BRANCH_TIME_ZONE } from './timeZone'
import { PHOTO_BLOB_SOURCE, setUpSync, type SyncOptions } from '../sync/setUpSync'
import type { SyncEngine } from '../sync/syncEngine'
import type { RemoteFiles } from '../photos/photoFetcher'
import { noFileDialogs, type FileDialogs } from '../files/fileDialogs'
import { cascoHandlers, markCascoPrinted } from '../casco/cascoHandlers'
import { approvalHandlers } from '../approval/approvalHandlers'
import { registerCascoDocuments } from '../print/casco/registerCascoDocuments'
import { loadCascoRecord } from '../casco/cascoRows'
import { supportHandlers } from '../support/supportHandlers'
import { setUpUpdates, type UpdateOptions } from '../update/setUpUpdates'
import { setUpBackups, type BackupOptions } from '../backup/setUpBackups'
import { applyStagedRestore, finishRestore } from '../backup/restore'
import type { BackupService } from '../backup/backupService'
import { calendarHandlers } from '../reference/calendarHandlers'
import { watchCalendar } from '../reference/calendarUpdates'
import {
  NON_WORKING_DAY_RULE_RECOUNT,
  recalculatePayoutDeadlines,
  recountForNonWorkingDayRule,
} from '../termination/payoutDeadlineRecalculation'

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
}

export interface Core {
  db: Db
  clock: Clock
  reference: ReferenceData
  sessions: SessionRegistry
  /** One handler per contract channel (core/app/handlersComplete.test.ts); `dispatch` checks a call and runs it. */
  handlers: Handlers
  dispatch: Dispatch
  /** Printable documents by kind; features register theirs (core/print/documents.ts). */
  documents: DocumentRegistry
  /** Previews' PDFs as one-time files; the shell (and the E2E harness) serves them to the page from `previews.dir`. */
  previews: PreviewFiles
  sync: SyncEngine
  /** Local backups (the scheduler's tick, for tests; the channels for the screens). */
  backups: BackupService
  close(): Promise<void>
}

/**
 * Builds the whole application core without Electron. The app runs it in its own process (core/host/runHost.ts;
 * the main process holds only electron/main/coreProxy.ts and registers its `dispatch` with ipcMain); the E2E
 * harness (e2e/harness/bindCore.ts binds `dispatch` to the page) and the tests run it in-process.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock
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
  const db = await openDatabase(join(opts.dataDir, 'branch-desk.sqlite'), { nativeBinding: opts.sqliteBinding })
  if (restored) await finishRestore(db, opts.dataDir, restored, clock.now())
  // A skipped HQ file is shown to the admin on the sync screen, not only logged (decision 59).
  await recordSkippedReferences(db, reference.skipped, clock.now().toISOString())
  const sessions = new SessionRegistry()
  const printing = setUpPrinting({
    db,
    reference,
    resourcesDir: opts.resourcesDir,
    dataDir: opts.dataDir,
    timeZone: BRANCH_TIME_ZONE,
    platform: opts.print,
  })
  printing.registerOsago({
    loadOsagoPolicy: async (id) => toPolicy(await findOsagoRow(db, id)),
    onBlankPrinted: (id, ctx) => markOsagoPrinted(db, id, ctx),
    // HQ's setting and the register's answer both arrive with sync (set up below); the gate reads them from the
    // database at print time, so it needs no engine and follows each sync without being told.
    printGate: (id) => blankPrintGateFor(db, id),
  })
  registerTerminationDocuments(printing.documents, {
    loadApplication: (id) => loadApplication(db, id),
    reference,
    timeZone: BRANCH_TIME_ZONE,
  })
  // Inspections are set up before sync, yet fetch photos through it: the engine is looked up when a photo is asked for.
  let syncEngine: SyncEngine | null = null
  const remotePhotos: RemoteFiles = {
    available: async () => (syncEngine ? syncEngine.isEnrolled() : false),
    download: (sha256, dest, onProgress) =>
      syncEngine!.downloadFile(sha256, dest, PHOTO_BLOB_SOURCE, (t) => onProgress(t.done, t.total)),
  }
  const inspections = await setUpInspections({
    db,
    reference,
    dataDir: opts.dataDir,
    clock,
    documents: printing.documents,
    remote: remotePhotos,
  })
  registerCascoDocuments(printing.documents, {
    db,
    reference,
    store: inspections.store,
    timeZone: BRANCH_TIME_ZONE,
    loadCascoQuote: (id) => loadCascoRecord(db, id),
    onContractPrinted: (id, ctx) => markCascoPrinted(db, id, ctx),
  })
  const sync = setUpSync(
    {
      db,
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      reference,
      clock,
      log: opts.log,
      photos: inspections.store,
      files: opts.files ?? noFileDialogs,
    },
    opts.sync,
  )
  syncEngine = sync.engine
  const updates = setUpUpdates({ clock, sessions, hq: () => sync.engine.hqAccess(), log: opts.log }, opts.update)
  sync.engine.onReachable(() => updates.service.hqReachable())
  const updater = opts.update?.updater
  const backups = setUpBackups(
    {
      db,
      dataDir: opts.dataDir,
      resourcesDir: opts.resourcesDir,
      photos: inspections.store,
      clock,
      files: opts.files ?? noFileDialogs,
      appVersion: opts.appVersion ?? '0.0.0-dev',
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
  const handlers: Handlers = {
    ...appHandlers(db, sessions, {
      hq: sync.hqSummary,
      appVersion: opts.appVersion ?? '0.0.0-dev',
      referenceVersions: () => versionIdsInForce(reference, todayIn(BRANCH_TIME_ZONE, clock.now())),
    }),
    ...setupHandlers(db),
    ...sessionHandlers(db, sessions),
    ...staffHandlers(db, clock, sessions),
    ...settingsHandlers(db),
    ...blanksHandlers(db),
    ...osagoHandlers(db, reference),
    ...terminationHandlers(db, reference),
    ...printing.handlers,
    ...inspections.handlers,
    ...sync.handlers,
    ...updates.handlers,
    ...backups.handlers,
    ...cascoHandlers(db, reference),
    ...approvalHandlers(db, reference),
    ...calendarHandlers(db, reference),
    ...supportHandlers({
      db,
      files: opts.files ?? noFileDialogs,
      appVersion: opts.appVersion ?? '0.0.0-dev',
      logsDir: opts.logsDir,
      crashDumpsDir: opts.crashDumpsDir,
      referenceVersions: (today) => versionIdsInForce(reference, today),
    }),
  }
  const dispatch = createDispatch({ db, clock, sessions, handlers, isTrustedUrl: opts.isTrustedUrl, log: opts.log })
  return {
    db,
    clock,
    reference,
    sessions,
    handlers,
    dispatch,
    documents: printing.documents,
    previews: printing.previews,
    sync: sync.engine,
    backups: backups.service,
    close: async () => {
      await sync.engine.stop()
      await backups.service.stop()
      await calendarWatch.stop()
      await db.destroy()
      printing.previews.close()
    },
  }
}
