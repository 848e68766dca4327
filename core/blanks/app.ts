import { defineFeature } from '../app/feature'
import { blanksHandlers } from './blanksHandlers'

/** Paper policy blanks: ranges, spoiling, the stock report (OSAGO takes a blank through core/blanks/api.ts). */
export const blanksApp = defineFeature({
  name: 'blanks',
  handlers: (core) => blanksHandlers(core.db),
  syncedTables: ['policy_blank'],
})
