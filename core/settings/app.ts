import { defineFeature } from '../app/feature'
import { settingsHandlers } from './settingsHandlers'

/** The branch's settings (security, printing preferences). */
export const settingsApp = defineFeature({
  name: 'settings',
  handlers: (core) => settingsHandlers(core.db),
  syncedTables: ['setting'],
})
