import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import {
  DEFAULT_BACKUP_SCHEDULE,
  backupScheduleInput,
  type BackupRunInfo,
  type BackupSchedule,
} from '../../shared/backup/contract'

/** This computer's backup settings and last run (`backup_state`, device-local key/values). */
export type BackupStateKey =
  'folder' | 'schedule' | 'last_run' | 'last_success_at' | 'installation_id' | 'restored_from'

type DbLike = Knex | Knex.Transaction

export interface BackupSettings {
  folder: string | null
  schedule: BackupSchedule
  lastRun: BackupRunInfo | null
  lastSuccessAt: string | null
}

async function get(db: DbLike, key: BackupStateKey): Promise<unknown> {
  const row = (await db('backup_state').where({ key }).first('value')) as { value: string } | undefined
  if (!row) return null
  try {
    return JSON.parse(row.value) as unknown
  } catch {
    return null
  }
}

export async function setBackupState(db: DbLike, key: BackupStateKey, value: unknown): Promise<void> {
  if (value === null) await db('backup_state').where({ key }).delete()
  else
    await db('backup_state')
      .insert({ key, value: JSON.stringify(value) })
      .onConflict('key')
      .merge()
}

export async function readBackupSettings(db: DbLike): Promise<BackupSettings> {
  const [folder, schedule, lastRun, lastSuccessAt] = await Promise.all([
    get(db, 'folder'),
    get(db, 'schedule'),
    get(db, 'last_run'),
    get(db, 'last_success_at'),
  ])
  const parsed = backupScheduleInput.safeParse(schedule)
  return {
    folder: typeof folder === 'string' ? folder : null,
    schedule: parsed.success ? parsed.data : { ...DEFAULT_BACKUP_SCHEDULE },
    lastRun: lastRun && typeof lastRun === 'object' ? (lastRun as BackupRunInfo) : null,
    lastSuccessAt: typeof lastSuccessAt === 'string' ? lastSuccessAt : null,
  }
}

/**
 * Names this computer's series of backups in a shared folder, so retention never deletes another computer's
 * backups. A computer restored from a backup keeps the id: it takes the dead one's place.
 */
export async function installationId(db: DbLike): Promise<string> {
  const existing = await get(db, 'installation_id')
  if (typeof existing === 'string') return existing
  const id = uuidv7()
  await setBackupState(db, 'installation_id', id)
  return id
}
