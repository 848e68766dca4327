import { defineFeature } from '../app/feature'
import { sessionHandlers } from './sessionHandlers'

/** Sign-in, lock-out, the idle lock and one's own password (sessions are in memory, no table of their own). */
export const sessionApp = defineFeature({
  name: 'session',
  handlers: (core) => sessionHandlers(core.db, core.sessions, core.passwordCost),
  syncedTables: [],
})
