import { defineFeature } from '../app/feature'
import { clientHandlers } from './clientHandlers'
import { erasureHandlers } from './erasure'
import { clientDocuments } from './print/clientDocuments'
import { clientWriteHooks } from './clientLinking'
import { clientSearchText } from './clientRows'

/**
 * The client card (issue 15 point 1): clients as records of their own, matched and linked when a record names
 * them (write hooks on the products' tables, in their transactions), the card with its records, versions and
 * consent, merges of duplicates.
 */
export const clientApp = defineFeature({
  name: 'client',
  handlers: ({ db, reference }) => ({ ...clientHandlers(db, reference), ...erasureHandlers(db, reference) }),
  documents: (core) => clientDocuments(core),
  syncedTables: ['client', 'client_version', 'client_link'],
  derived: [clientSearchText],
  writeHooks: clientWriteHooks,
})
