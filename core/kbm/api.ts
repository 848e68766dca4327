import type { Db } from '../db/openDatabase'
import type { SyncEngine } from '../sync/api'
import { KBM_RECHECK_PER_RUN } from './kbmSettings'
import { recheckIssuedPolicies } from './recheck'

/** What createCore uses from core/kbm (scripts/featureBoundaries.test.ts). */

/**
 * Hooks the re-check of issued policies to the sync engine: after each successful run, a few policies issued with
 * a typed class are asked about again (docs/domain/kbm-check.md#re-check-after-sync).
 */
export function recheckKbmAfterSync(deps: {
  db: Db
  engine: SyncEngine
  now: () => Date
  timeZone: string
  perRun?: number
}): void {
  deps.engine.onSynced(async () => {
    await recheckIssuedPolicies(deps.db, deps.engine, deps.now(), deps.timeZone, deps.perRun ?? KBM_RECHECK_PER_RUN)
  })
}
