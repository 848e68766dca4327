import { defineFeature } from '../app/feature'
import { reportDocuments } from './reportDocuments'
import { reportsHandlers } from './reportsHandlers'

/** Reports (issue 16): the blank report for a period and the daily cash report on paper, in XLSX and CSV. */
export const reportsApp = defineFeature({
  name: 'reports',
  handlers: (core) => reportsHandlers({ db: core.db, timeZone: core.timeZone, files: core.files }),
  documents: (core) => reportDocuments({ db: core.db, timeZone: core.timeZone }),
  syncedTables: [],
})
