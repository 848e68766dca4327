import { defineFeature } from '../app/feature'
import { approvalHandlers } from './approvalHandlers'

/** Four-eyes decisions on CASCO cases (append-only); casco reads them through core/casco/api.ts. */
export const approvalApp = defineFeature({
  name: 'approval',
  handlers: (core) => approvalHandlers(core.db, core.reference),
  syncedTables: ['approval_decision'],
})
