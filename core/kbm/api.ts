import { todayIn } from '../../shared/dates/calendarDate'
import type { Db } from '../db/openDatabase'
import { referenceInForce, type ReferenceData } from '../reference/loadReferenceData'
import type { SyncEngine } from '../sync/api'
import { recheckIssuedPolicies } from './recheck'

/** What createCore uses from core/kbm (scripts/featureBoundaries.test.ts). */

/**
 * Hooks the re-check of issued policies to the sync engine: after each successful run, a few policies issued with
 * a typed class are asked about again (docs/domain/kbm-check.md#re-check-after-sync), as many and as far back as the
 * `kbm-rules` in force that day say.
 */
export function recheckKbmAfterSync(deps: {
  db: Db
  engine: SyncEngine
  reference: ReferenceData
  now: () => Date
  timeZone: string
}): void {
  deps.engine.onSynced(async () => {
    const now = deps.now()
    const rules = referenceInForce(deps.reference, 'kbm-rules', todayIn(deps.timeZone, now)).data.recheck
    await recheckIssuedPolicies(deps.db, deps.engine, now, deps.timeZone, {
      windowDays: rules.windowDays.value,
      perRun: rules.perRun.value,
    })
  })
}
