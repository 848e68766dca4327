import type { ChannelInput } from '@shared/contract'
import { call } from '../../api/client'

/**
 * Local backups: the folder (chosen in the system's dialog, which the core opens), the schedule, «copy now», and on
 * a replacement computer the restore that takes effect at the next start.
 */
export function useBackup() {
  return {
    getStatus: () => call('backup/get-status'),
    chooseFolder: () => call('backup/choose-folder'),
    updateSchedule: (input: ChannelInput<'backup/update-schedule'>) => call('backup/update-schedule', input),
    runNow: () => call('backup/run-now'),
    findBackups: () => call('backup/find-backups'),
    restore: (backupId: string) => call('backup/restore', { backupId }),
    relaunch: () => call('backup/relaunch'),
  }
}
