import { defineFeature } from '../app/feature'
import { renewalHandlers } from './renewalHandlers'

/**
 * Renewal at the office (issue 15 point 2): the worklist of contracts ending soon and the moves that start their
 * renewals. Its records are OSAGO drafts and CASCO quotes (those features' synced tables), linked to the contract
 * they renew, so it has no table of its own.
 */
export const renewalApp = defineFeature({
  name: 'renewal',
  handlers: ({ db, reference, timeZone }) => renewalHandlers(db, reference, timeZone),
  syncedTables: [],
})
