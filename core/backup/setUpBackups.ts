import { translate } from '../../shared/i18n/messages'
import { MIGRATIONS } from '../../migrations'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import type { FileDialogs } from '../files/fileDialogs'
import type { HandlersOf } from '../ipc/handlers'
import type { PhotoStore } from '../photos/photoStore'
import { BackupService } from './backupService'

export interface BackupOptions {
  /** The scheduler (the app); off by default so tests run backups themselves. */
  background?: boolean
  tickMs?: number
  retryAfterMs?: number
}

type BackupChannel =
  | 'backup/get-status'
  | 'backup/choose-folder'
  | 'backup/update-schedule'
  | 'backup/run-now'
  | 'backup/find-backups'
  | 'backup/restore'
  | 'backup/relaunch'

/** Backups as createCore wires them: the service, its scheduler and its channels. */
export function setUpBackups(
  wiring: {
    db: Db
    dataDir: string
    resourcesDir: string
    photos: PhotoStore
    clock: Clock
    files: FileDialogs
    appVersion: string
    timeZone: string
    nativeBinding?: string | undefined
    relaunch?: (() => void) | undefined
    log?: ((message: string, error?: unknown) => void) | undefined
  },
  options: BackupOptions = {},
) {
  const service = new BackupService({
    db: wiring.db,
    dataDir: wiring.dataDir,
    resourcesDir: wiring.resourcesDir,
    photos: wiring.photos,
    clock: wiring.clock,
    files: wiring.files,
    appVersion: wiring.appVersion,
    timeZone: wiring.timeZone,
    knownMigrations: MIGRATIONS.map((m) => m.name),
    ...(wiring.nativeBinding ? { nativeBinding: wiring.nativeBinding } : {}),
    ...(wiring.relaunch ? { relaunch: wiring.relaunch } : {}),
    ...(wiring.log ? { log: wiring.log } : {}),
    ...(options.tickMs !== undefined ? { tickMs: options.tickMs } : {}),
    ...(options.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : {}),
  })
  if (options.background) service.start()
  const handlers: HandlersOf<BackupChannel> = {
    'backup/get-status': async () => service.status(),
    'backup/choose-folder': async (_input, ctx) =>
      service.chooseFolder(ctx.actor, translate(ctx.locale, 'backup.dialog.folderTitle')),
    'backup/update-schedule': async (input, ctx) => service.updateSchedule(input, ctx.actor),
    'backup/run-now': async (_input, ctx) => service.run('manual', ctx.actor),
    'backup/find-backups': async (_input, ctx) =>
      service.findForRestore(translate(ctx.locale, 'backup.dialog.restoreTitle')),
    'backup/restore': async (input) => service.restore(input.backupId),
    'backup/relaunch': async () => service.relaunch(),
  }
  return { service, handlers }
}
