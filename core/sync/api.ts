import type { setUpSync } from './setUpSync'

/** What other parts of the core may use from core/sync (scripts/featureBoundaries.test.ts). */
export { getState, readHqSettings } from './syncState'
export type { SecretStore } from './secretStore'
export { PHOTO_BLOB_SOURCE, setUpSync, type SyncOptions } from './setUpSync'
export type { SyncEngine } from './syncEngine'
// HQ routes outside the exchange that other features call themselves (the KBM check, core/kbm).
export { HqBusy, HqRefused, HqUnreachable, type HqClient } from './hqClient'

/** The sync service createCore starts before the features: the engine, its channels and HQ's summary. */
export type SyncSetUp = ReturnType<typeof setUpSync>
