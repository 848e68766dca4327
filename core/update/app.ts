import { defineFeature } from '../app/feature'

/** App updates: the state machine is a service createCore starts (core/update/setUpUpdates.ts); its channels. */
export const updateApp = defineFeature({
  name: 'update',
  handlers: (core) => core.updates.handlers,
  syncedTables: [],
})
