import { defineFeature } from '../app/feature'
import { osagoChangeDocuments } from './print/changeDocuments'
import { osagoChangeHandlers } from './osagoChangeHandlers'

/** Changes to an issued OSAGO policy and duplicates of lost ones; the addendum and the policy on its new blank. */
export const osagoChangeApp = defineFeature({
  name: 'osagoChange',
  handlers: (core) => osagoChangeHandlers(core.db, core.reference),
  documents: (core) => osagoChangeDocuments(core),
  syncedTables: ['osago_change'],
})
