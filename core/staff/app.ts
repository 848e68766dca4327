import { defineFeature } from '../app/feature'
import { staffHandlers } from './staffHandlers'

/** The branch's staff accounts (the admin's screen); sign-in counters live in the same table. */
export const staffApp = defineFeature({
  name: 'staff',
  handlers: (core) => staffHandlers(core.db, core.clock, core.sessions, core.passwordCost),
  syncedTables: ['staff'],
})
