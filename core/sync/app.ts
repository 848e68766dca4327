import { defineFeature } from '../app/feature'

/** Sync with HQ: the engine is a service createCore starts (core/sync/setUpSync.ts); these are its channels. */
export const syncApp = defineFeature({
  name: 'sync',
  handlers: (core) => core.sync.handlers,
  syncedTables: [],
})
