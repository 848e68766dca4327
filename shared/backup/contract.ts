import { z } from 'zod'
import { channel } from '../contract/channel'
import { ADMINS } from '../staff/roleGroups'

/**
 * Local backups: the database (SQLite's online backup API), the photos and HQ's reference files, to a folder the
 * admin chooses on another drive, on a schedule, kept by a retention rule; restored at first run on a replacement
 * computer, which then takes over from HQ (docs/sync.md, «Резервные копии»).
 */

export const BACKUP_INTERVAL_HOURS = [1, 2, 4, 8, 12, 24] as const

export interface BackupSchedule {
  /** A backup is due when the last good one is older than this. */
  intervalHours: (typeof BACKUP_INTERVAL_HOURS)[number]
  /** Retention: the newest backup of each of this many most recent days… */
  keepDaily: number
  /** …and of each of this many most recent ISO weeks (the newest backup is always kept). */
  keepWeekly: number
}

export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { intervalHours: 24, keepDaily: 7, keepWeekly: 4 }

export const backupScheduleInput = z.strictObject({
  intervalHours: z.literal([...BACKUP_INTERVAL_HOURS], { message: 'validation.backup.interval' }),
  keepDaily: z
    .number()
    .int()
    .min(1, { message: 'validation.number.min' })
    .max(60, { message: 'validation.number.max' }),
  keepWeekly: z
    .number()
    .int()
    .min(0, { message: 'validation.number.min' })
    .max(52, { message: 'validation.number.max' }),
})

/** One backup in a backup folder, as its manifest describes it. */
export interface BackupSummary {
  /** The backup's folder name: its UTC time, `2026-12-05T18-00-00Z`. */
  id: string
  createdAt: string
  appVersion: string
  branchCode: string | null
  branchName: string | null
  /** The database copy's size in bytes. */
  databaseBytes: number
  photos: number
  /** Local changes HQ had not accepted when the backup was made (a restore sends them). */
  pendingChanges: number
}

export interface BackupRunInfo {
  at: string
  trigger: 'schedule' | 'manual'
  ok: boolean
  backupId: string | null
  databaseBytes: number | null
  photos: number | null
  /** Photos copied for the first time by this run (the folder keeps each photo once). */
  newPhotos: number | null
  /** Photos the database names but this computer does not hold (fetched from HQ when first shown). */
  missingPhotos: number
  /** Backups removed by the retention rule. */
  removed: number
  durationMs: number
  error: { key: string; params: Record<string, string | number> } | null
}

export interface BackupStatus {
  /** The folder the admin chose, or null: no backups until one is chosen. */
  folder: string | null
  /** Whether the folder can be written now (a USB stick that is not plugged in cannot). */
  folderAvailable: boolean
  schedule: BackupSchedule
  running: boolean
  lastRun: BackupRunInfo | null
  lastSuccessAt: string | null
  /** When the next scheduled backup is due (null without a folder). */
  nextDueAt: string | null
  /** This computer's backups in the folder, newest first. */
  backups: BackupSummary[]
}

export interface RestoreCandidates {
  folder: string
  /** Newest first; every computer's backups found in the folder. */
  backups: BackupSummary[]
}

export interface RestoreResult {
  backupId: string
  createdAt: string
  branchCode: string | null
  photos: number
  /** Photos whose copy does not match its hash: left out (HQ has them if they were uploaded). */
  damagedPhotos: number
  missingPhotos: number
  /** The shell can restart the app now; otherwise the user closes and opens it. */
  canRelaunch: boolean
}

export const backupIdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d{1,3})?$/)

export const backupContract = {
  'backup/get-status': channel<BackupStatus>()({ input: z.strictObject({}).optional(), access: ADMINS }),
  /** Opens the system's folder dialog; null when the admin cancelled. */
  'backup/choose-folder': channel<BackupStatus | null>()({ input: z.strictObject({}).optional(), access: ADMINS }),
  'backup/update-schedule': channel<BackupStatus>()({ input: backupScheduleInput, access: ADMINS }),
  'backup/run-now': channel<BackupRunInfo>()({ input: z.strictObject({}).optional(), access: ADMINS }),
  /** First run only: opens the folder dialog and lists the backups found there (null when cancelled). */
  'backup/find-backups': channel<RestoreCandidates | null>()({
    input: z.strictObject({}).optional(),
    access: 'public',
  }),
  /** First run only: checks the chosen backup and puts it in place for the next start. */
  'backup/restore': channel<RestoreResult>()({ input: z.strictObject({ backupId: backupIdSchema }), access: 'public' }),
  /** After a restore: restarts the app, which starts on the restored data. */
  'backup/relaunch': channel<{ relaunching: boolean }>()({ input: z.strictObject({}).optional(), access: 'public' }),
} as const
