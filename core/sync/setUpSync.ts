import { join } from 'node:path'
import type { AppStatus } from '../../shared/app/contract'
import type { Clock } from '../app/clock'
import type { Db } from '../db/openDatabase'
import type { FileDialogs } from '../files/fileDialogs'
import type { PhotoStore } from '../photos/photoStore'
import type { ReferenceData } from '../reference/loadReferenceData'
import type { BlobSource } from './blobSync'
import type { Fetch } from './hqClient'
import { plainFileSecretStore, type SecretStore } from './secretStore'
import { SyncEngine, type SyncEngineOptions } from './syncEngine'
import { syncHandlers } from './syncHandlers'
import { getStates } from './syncState'

/** The blob source name of inspection photos (queued for upload; fetched from HQ on another computer). */
export const PHOTO_BLOB_SOURCE = 'inspection-photo'

export interface SyncOptions {
  /** Electron's safeStorage adapter in the app; without one, a plain file in the data folder (tests, E2E). */
  secrets?: SecretStore
  /** Background runs (the app); off by default so tests drive runs themselves. */
  background?: boolean
  intervalMs?: number
  backoff?: SyncEngineOptions['backoff']
  fetch?: Fetch
  batchSize?: number
  pageSize?: number
  chunkSize?: number
  deviceName?: string
  /** Extra file sources (tests); inspection photos are always one. */
  blobSources?: BlobSource[]
}

export interface SyncWiring {
  db: Db
  dataDir: string
  resourcesDir: string
  reference: ReferenceData
  clock: Clock
  log?: (message: string, error?: unknown) => void
  photos: PhotoStore
  files: FileDialogs
}

/** Sync as createCore wires it: the engine, its channels, and the HQ summary the app status carries. */
export function setUpSync(wiring: SyncWiring, options: SyncOptions = {}) {
  const secrets = options.secrets ?? plainFileSecretStore(join(wiring.dataDir, 'secrets'))
  const photoSource: BlobSource = {
    name: PHOTO_BLOB_SOURCE,
    list: async (db) =>
      ((await db('inspection_photo').distinct('sha256')) as Array<{ sha256: string }>).map((r) => r.sha256),
    path: (sha256) => wiring.photos.path(sha256, 'orig'),
  }
  const blobSources = [photoSource, ...(options.blobSources ?? [])]
  const engine = new SyncEngine({
    db: wiring.db,
    dataDir: wiring.dataDir,
    resourcesDir: wiring.resourcesDir,
    reference: wiring.reference,
    clock: wiring.clock,
    secrets,
    blobSources,
    ...(wiring.log ? { log: wiring.log } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    ...(options.deviceName ? { deviceName: options.deviceName } : {}),
  })
  if (options.background) engine.start()
  const reference = {
    bundledDir: wiring.resourcesDir,
    overrideDir: join(wiring.dataDir, 'reference-updates'),
    reference: wiring.reference,
  }
  return {
    engine,
    handlers: syncHandlers({
      db: wiring.db,
      engine,
      secrets,
      files: wiring.files,
      dataDir: wiring.dataDir,
      reference,
      blobSources,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    hqSummary: async (): Promise<AppStatus['hq']> => {
      const s = await getStates(wiring.db)
      if (!s.device_id) return { state: 'not-configured' }
      const status = await engine.status()
      return {
        state: 'enrolled',
        branchCode: s.branch_code ?? null,
        online: status.online,
        lastSuccessAt: status.lastSuccessAt,
      }
    },
  }
}
