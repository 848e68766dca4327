import { accessSync, constants } from 'node:fs'
import type {
  BackupRunInfo,
  BackupSchedule,
  BackupStatus,
  RestoreCandidates,
  RestoreResult,
} from '../../shared/backup/contract'
import { AppError } from '../app/appError'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import { write, type Actor } from '../db/write'
import type { FileDialogs } from '../files/fileDialogs'
import { getState } from '../sync/api'
import { findBackups, folderExists, listSeries, seriesFolder, summarize, type FoundBackup } from './backupFolder'
import { installationId, readBackupSettings, setBackupState } from './backupState'
import { hasStagedRestore, stageRestore } from './restore'
import { createBackup, type BackupDeps } from './runBackup'

export interface BackupServiceOptions extends BackupDeps {
  clock: Clock
  resourcesDir: string
  files: FileDialogs
  knownMigrations: readonly string[]
  /** Restarts the app (the shell's); absent where there is no shell. */
  relaunch?: () => void
  /** How often the scheduler looks whether a backup is due. */
  tickMs?: number
  /** After a failed scheduled run (a USB stick not plugged in): wait this long before the next attempt. */
  retryAfterMs?: number
  log?: (message: string, error?: unknown) => void
}

/**
 * Local backups: settings, the schedule, runs (one at a time) and the first-run restore. A backup is due when the
 * last good one is older than the schedule's interval; the scheduler looks every few minutes, so a computer that
 * was off at the usual time backs up soon after it is switched on.
 */
export class BackupService {
  private running: Promise<BackupRunInfo> | null = null
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  /** The folder the first-run screen's dialog pointed at: restore names a backup in it, never a path. */
  private restoreSource: FoundBackup[] = []

  constructor(private readonly opts: BackupServiceOptions) {}

  private get db(): Db {
    return this.opts.db
  }

  async status(): Promise<BackupStatus> {
    const s = await readBackupSettings(this.db)
    const mine = await installationId(this.db)
    let backups: BackupStatus['backups'] = []
    let available = false
    if (s.folder) {
      available = writable(s.folder)
      const branch = (await this.db('branch').first('code')) as { code: string } | undefined
      backups = listSeries(seriesFolder(s.folder, branch?.code ?? null))
        .filter((b) => b.manifest.installationId === mine)
        .sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : -1))
        .map(summarize)
    }
    return {
      folder: s.folder,
      folderAvailable: available,
      schedule: s.schedule,
      running: this.running !== null,
      lastRun: s.lastRun,
      lastSuccessAt: s.lastSuccessAt,
      nextDueAt: s.folder ? new Date(this.dueAt(s.schedule, s.lastSuccessAt, s.lastRun)).toISOString() : null,
      backups,
    }
  }

  private dueAt(schedule: BackupSchedule, lastSuccessAt: string | null, lastRun: BackupRunInfo | null): number {
    const interval = schedule.intervalHours * 3_600_000
    const byInterval = lastSuccessAt ? new Date(lastSuccessAt).getTime() + interval : 0
    // A failed attempt is retried later, not every tick (an unplugged stick would otherwise be tried all day).
    const byRetry =
      lastRun && !lastRun.ok
        ? new Date(lastRun.at).getTime() + Math.min(interval, this.opts.retryAfterMs ?? 1_800_000)
        : 0
    return Math.max(byInterval, byRetry)
  }

  /** `title`: the dialog's title in the admin's language. */
  async chooseFolder(actor: Actor, title: string): Promise<BackupStatus | null> {
    if (!this.opts.files.chooseFolder) throw new AppError('CONFLICT', 'files.errors.noDialogs')
    const folder = await this.opts.files.chooseFolder(title)
    if (folder === null) return null
    if (!writable(folder)) throw new AppError('CONFLICT', 'backup.errors.folderNotWritable', { folder })
    await write(this.db, actor, 'backup.folder-chosen', this.opts.clock.now(), async (w) => {
      const before = (await readBackupSettings(w.trx)).folder
      await setBackupState(w.trx, 'folder', folder)
      // A failure before this folder (none chosen, a stick that was missing) does not delay the first backup into it.
      if ((await readBackupSettings(w.trx)).lastRun?.ok === false) await setBackupState(w.trx, 'last_run', null)
      await w.audit('backup.folder-chosen', null, null, { folder: before }, { folder })
    })
    return this.status()
  }

  async updateSchedule(schedule: BackupSchedule, actor: Actor): Promise<BackupStatus> {
    await write(this.db, actor, 'backup.schedule-updated', this.opts.clock.now(), async (w) => {
      const before = (await readBackupSettings(w.trx)).schedule
      await setBackupState(w.trx, 'schedule', schedule)
      await w.audit('backup.schedule-updated', null, null, before, schedule)
    })
    return this.status()
  }

  /** One run at a time: a manual run asked for during a scheduled one waits for it and reports it. */
  run(trigger: BackupRunInfo['trigger'], actor?: Actor): Promise<BackupRunInfo> {
    this.running ??= this.doRun(trigger, actor).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async doRun(trigger: BackupRunInfo['trigger'], actor?: Actor): Promise<BackupRunInfo> {
    const started = Date.now()
    const now = this.opts.clock.now()
    const s = await readBackupSettings(this.db)
    let info: BackupRunInfo
    try {
      if (!s.folder) throw new AppError('CONFLICT', 'backup.errors.noFolder')
      if (!folderExists(s.folder))
        throw new AppError('CONFLICT', 'backup.errors.folderUnavailable', { folder: s.folder, message: 'not found' })
      const out = await createBackup(this.opts, {
        folder: s.folder,
        schedule: s.schedule,
        installationId: await installationId(this.db),
        now,
      })
      info = {
        at: now.toISOString(),
        trigger,
        ok: true,
        backupId: out.manifest.id,
        databaseBytes: out.manifest.database.bytes,
        photos: out.manifest.photos.length,
        newPhotos: out.newPhotos,
        missingPhotos: out.manifest.missingPhotos.length,
        removed: out.removed,
        durationMs: Date.now() - started,
        error: null,
      }
    } catch (e) {
      const error =
        e instanceof AppError
          ? { key: e.messageKey, params: e.params }
          : {
              key: 'backup.errors.failed',
              params: { message: (e instanceof Error ? e.message : String(e)).slice(0, 200) },
            }
      if (!(e instanceof AppError)) this.opts.log?.('backup failed', e)
      info = {
        at: now.toISOString(),
        trigger,
        ok: false,
        backupId: null,
        databaseBytes: null,
        photos: null,
        newPhotos: null,
        missingPhotos: 0,
        removed: 0,
        durationMs: Date.now() - started,
        error,
      }
    }
    await write(
      this.db,
      actor ?? { userId: null, login: 'system' },
      info.ok ? 'backup.created' : 'backup.failed',
      now,
      async (w) => {
        await setBackupState(w.trx, 'last_run', info)
        if (info.ok) await setBackupState(w.trx, 'last_success_at', info.at)
        // Scheduled runs are many and alike: only what a person did, and failures, go to the audit log.
        if (trigger === 'manual' || !info.ok)
          await w.audit(info.ok ? 'backup.created' : 'backup.failed', null, null, null, info)
      },
    )
    return info
  }

  /** Runs a scheduled backup if one is due. */
  async tick(): Promise<BackupRunInfo | null> {
    const s = await readBackupSettings(this.db)
    if (!s.folder || this.running) return null
    if (this.opts.clock.now().getTime() < this.dueAt(s.schedule, s.lastSuccessAt, s.lastRun)) return null
    // A first-run computer has nothing worth a backup yet.
    if (!(await this.db('branch').first('id'))) return null
    return this.run('schedule')
  }

  start(): void {
    const every = this.opts.tickMs ?? 300_000
    this.stopped = false
    const loop = () => {
      if (this.stopped) return
      this.timer = setTimeout(() => {
        void this.tick()
          .catch((e: unknown) => this.opts.log?.('backup scheduler failed', e))
          .finally(loop)
      }, every)
      this.timer.unref?.()
    }
    loop()
  }

  /** Stops the scheduler and waits for a run in progress (the database must not close under it). */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running?.catch(() => undefined)
  }

  // --- First run: restore on a replacement computer. ---

  private async requireFirstRun(): Promise<void> {
    const branch = await this.db('branch').first('id')
    if (branch || (await getState(this.db, 'device_id')) !== null)
      throw new AppError('CONFLICT', 'backup.errors.notFirstRun')
  }

  async findForRestore(title: string): Promise<RestoreCandidates | null> {
    await this.requireFirstRun()
    if (!this.opts.files.chooseFolder) throw new AppError('CONFLICT', 'files.errors.noDialogs')
    const folder = await this.opts.files.chooseFolder(title)
    if (folder === null) return null
    this.restoreSource = findBackups(folder)
    return { folder, backups: this.restoreSource.map(summarize) }
  }

  async restore(backupId: string): Promise<RestoreResult> {
    await this.requireFirstRun()
    const found = this.restoreSource.find((b) => b.manifest.id === backupId)
    if (!found) throw new AppError('NOT_FOUND', 'backup.errors.unknownBackup')
    const result = await stageRestore(this.opts, found, this.opts.clock.now())
    return { ...result, canRelaunch: this.opts.relaunch !== undefined }
  }

  relaunch(): { relaunching: boolean } {
    if (!hasStagedRestore(this.opts.dataDir) || !this.opts.relaunch) return { relaunching: false }
    this.opts.relaunch()
    return { relaunching: true }
  }
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK)
    return folderExists(folder)
  } catch {
    return false
  }
}
