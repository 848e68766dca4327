import { join } from 'node:path'
import type { Db } from '../db/openDatabase'
import { PhotoFetcher, type RemoteFiles } from '../photos/photoFetcher'
import { PhotoStore } from '../photos/photoStore'

export interface PhotoPoolOptions {
  db: Db
  /** Photos live in `<dataDir>/photos`, downloads in progress in `<dataDir>/downloads`. */
  dataDir: string
  /** Photos recorded on other computers of the branch: fetched from HQ on first view (createCore wires sync). */
  remote?: RemoteFiles
}

const NO_REMOTE: RemoteFiles = { available: async () => false, download: async () => undefined }

/**
 * The inspection photos' pool as createCore opens it before the features: files no inspection_photo row names
 * (left by a crash between the file and the row) are swept, and photos taken elsewhere are fetched on first view.
 * Sync, backups and the CASCO contract read the same store.
 */
export async function openPhotoPool(opts: PhotoPoolOptions) {
  const store = new PhotoStore(opts.dataDir)
  const rows = (await opts.db('inspection_photo').distinct('sha256')) as Array<{ sha256: string }>
  store.sweep(new Set(rows.map((r) => r.sha256)))
  const fetcher = new PhotoFetcher(store, opts.remote ?? NO_REMOTE, join(opts.dataDir, 'downloads'))
  return { store, fetcher }
}
