import type { setUpBackups } from './setUpBackups'

/** What other parts of the core may use from core/backup (scripts/featureBoundaries.test.ts). */
export { setUpBackups, type BackupOptions } from './setUpBackups'
export type { BackupService } from './backupService'
export { applyStagedRestore, finishRestore } from './restore'
/** The home screen tells the admin when this computer has no backup folder or its last backup failed. */
export { readBackupSettings } from './backupState'

/** The backup service createCore starts before the features: the scheduler and its channels. */
export type BackupsSetUp = ReturnType<typeof setUpBackups>
