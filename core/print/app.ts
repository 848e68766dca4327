import { defineFeature } from '../app/feature'
import { printDocuments } from './printDocuments'
import { printHandlers } from './printHandlers'

/**
 * Printing: preview, print and save any registered document, printer profiles and the calibration page. The
 * channels read the registry createCore filled from every feature's `documents` first.
 */
export const printApp = defineFeature({
  name: 'print',
  handlers: ({ db, print }) => printHandlers(db, print.documents, print.platform, print.previews),
  documents: ({ print, timeZone }) => printDocuments({ layouts: print.layouts, timeZone }),
  syncedTables: ['printer_profile', 'document_ledger'],
})
