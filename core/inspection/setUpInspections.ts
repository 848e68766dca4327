import type { Clock } from '../app/clock'
import { BRANCH_TIME_ZONE } from '../app/timeZone'
import type { Db } from '../db/openDatabase'
import { PhotoFetcher, type RemoteFiles } from '../photos/photoFetcher'
import { PhotoStore } from '../photos/photoStore'
import { join } from 'node:path'
import type { DocumentRegistry } from '../print/documents'
import { registerInspectionReport } from '../print/inspection/registerInspectionReport'
import type { ReferenceData } from '../reference/loadReferenceData'
import { inspectionHandlers } from './inspectionHandlers'
import { inspectionPhotoHandlers } from './inspectionPhotoHandlers'

export interface InspectionsOptions {
  db: Db
  reference: ReferenceData
  /** Photos live in `<dataDir>/photos`. */
  dataDir: string
  clock: Clock
  /** The print registry: the inspection report is registered here. */
  documents: DocumentRegistry
  /** Photos recorded on other computers of the branch: fetched from HQ on first view (sync wires it). */
  remote?: RemoteFiles
}

const NO_REMOTE: RemoteFiles = { available: async () => false, download: async () => undefined }

/**
 * Inspections as createCore wires them: the photo store (cleaned of anything a crash left behind before any
 * upload can start), the inspection and photo channels, and the printed report.
 */
export async function setUpInspections(opts: InspectionsOptions) {
  const store = new PhotoStore(opts.dataDir)
  const rows = (await opts.db('inspection_photo').distinct('sha256')) as Array<{ sha256: string }>
  store.sweep(new Set(rows.map((r) => r.sha256)))
  const fetcher = new PhotoFetcher(store, opts.remote ?? NO_REMOTE, join(opts.dataDir, 'downloads'))
  registerInspectionReport(opts.documents, {
    db: opts.db,
    reference: opts.reference,
    store: fetcher,
    timeZone: BRANCH_TIME_ZONE,
  })
  return {
    store,
    fetcher,
    handlers: {
      ...inspectionHandlers(opts.db, opts.reference),
      ...inspectionPhotoHandlers(opts.db, opts.reference, store, fetcher, opts.clock),
    },
  }
}
