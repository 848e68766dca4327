import { defineFeature } from '../app/feature'
import { kbmHandlers } from './kbmHandlers'

/**
 * The KBM check (issue 15 point 5; docs/domain/kbm-check.md): a draft's classes asked of the national database
 * through HQ, and issued policies re-checked after sync (core/kbm/api.ts, wired by createCore). It owns no synced
 * table: the answers go into the OSAGO draft through the osago feature, the re-checks into the local kbm_recheck.
 */
export const kbmApp = defineFeature({
  name: 'kbm',
  handlers: ({ db, sync }) => kbmHandlers(db, sync.engine),
  syncedTables: [],
})
