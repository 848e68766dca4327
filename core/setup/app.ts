import { defineFeature } from '../app/feature'
import { setupHandlers } from './setupHandlers'

/** First run: the branch and its first administrator. */
export const setupApp = defineFeature({
  name: 'setup',
  handlers: (core) => setupHandlers(core.db, core.passwordCost),
  syncedTables: ['branch'],
})
