import { defineFeature } from '../app/feature'
import { cascoHandlers, markCascoPrinted } from './cascoHandlers'
import { cascoSearchText, loadCascoRecord } from './cascoRows'
import { cascoDocuments } from './print/cascoDocuments'

/** CASCO: quotes with options and programs, underwriting, the contract; the contract and its schedule. */
export const cascoApp = defineFeature({
  name: 'casco',
  handlers: (core) => cascoHandlers(core.db, core.reference),
  documents: ({ db, reference, photos, timeZone }) =>
    cascoDocuments({
      db,
      reference,
      store: photos.store,
      timeZone,
      loadCascoQuote: (id) => loadCascoRecord(db, id),
      onContractPrinted: (id, ctx) => markCascoPrinted(db, id, ctx),
    }),
  syncedTables: ['casco_quote', 'casco_document'],
  derived: [cascoSearchText],
})
