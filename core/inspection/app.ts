import { defineFeature } from '../app/feature'
import { inspectionHandlers } from './inspectionHandlers'
import { inspectionSearchText } from './inspectionRows'
import { inspectionPhotoHandlers } from './inspectionPhotoHandlers'
import { inspectionDocuments } from './print/inspectionDocuments'

/** Inspections: the report, damage, photos (the pool createCore opens, core/inspection/photoPool.ts); the report. */
export const inspectionApp = defineFeature({
  name: 'inspection',
  handlers: ({ db, reference, photos, clock }) => ({
    ...inspectionHandlers(db, reference),
    ...inspectionPhotoHandlers(db, reference, photos.store, photos.fetcher, clock),
  }),
  // The report reads photos through the fetcher: one taken on another computer is brought from HQ first.
  documents: ({ db, reference, photos, timeZone }) =>
    inspectionDocuments({ db, reference, store: photos.fetcher, timeZone }),
  syncedTables: ['inspection', 'inspection_damage', 'inspection_photo'],
  derived: [inspectionSearchText],
})
