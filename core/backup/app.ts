import { defineFeature } from '../app/feature'

/** Local backups: the scheduler is a service createCore starts (core/backup/setUpBackups.ts); its channels. */
export const backupApp = defineFeature({
  name: 'backup',
  handlers: (core) => core.backups.handlers,
  syncedTables: [],
})
