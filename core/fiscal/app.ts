import { defineFeature } from '../app/feature'
import { fiscalHandlers } from './fiscalHandlers'

/** The cash register: this computer's register settings and its check; the journal fiscalises through api.ts. */
export const fiscalApp = defineFeature({
  name: 'fiscal',
  handlers: (core) => fiscalHandlers(core.db),
  syncedTables: [],
})
