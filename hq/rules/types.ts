import type { Reason } from '../../shared/sync/protocol'
import type { HqRecord, RecordData } from '../records'

/** What an entity rule may know and ask while HQ judges one change. */
export interface RuleContext {
  branch: { code: string; recordId: string | null }
  deviceId: string
  /** The staff id the device says made the change (checked against HQ's copy of the branch's staff by rules that care). */
  changedBy: string | null
  /** The record as HQ holds it now, including changes accepted earlier in the same batch. */
  lookup(entity: string, id: string): Promise<HqRecord | null>
  /**
   * The record holding a business key (`EntityRule.naturalKey`), as HQ holds it now incl. earlier changes of the
   * batch; any branch (rules check `branchCode`). hq/push.ts always provides it; it is optional only for test
   * contexts (hq/rules/fakeContext.ts), and a rule that needs it skips the dependent check when it is absent (the
   * CASCO quote's decision check).
   */
  lookupByKey?(entity: string, naturalKey: string): Promise<HqRecord | null>
}

export interface ProposedChange {
  op: 'insert' | 'update'
  id: string
  /** HQ's current data (null for an insert). */
  before: RecordData | null
  after: RecordData
}

/**
 * How HQ judges changes to one entity, registered in hq/rules/registry.ts under the entity's table name: one rule
 * per synced table a branch feature declares in its `core/<feature>/app.ts` (HQ may not import core/;
 * hq/rules/featureRules.test.ts holds the two lists together). hq/push.ts checks the change's shape, the record's
 * owner branch, the row version and the natural key first; `check` then judges the row: its schema and, for
 * entities that have them, the status transition (the feature's shared/<feature>/lifecycle.ts) and the cross-record
 * checks (`ownedRecordRule` checks only the shape, `hqOwnedRule` refuses every device change). It returns null to accept, or a verdict to reject or
 * defer. `naturalKey` names a business key unique at HQ (a blank's series and number): a second record with the
 * same key is rejected as a duplicate.
 */
export interface EntityRule {
  check(ctx: RuleContext, change: ProposedChange): Promise<Verdict> | Verdict
  naturalKey?(data: RecordData, branchCode: string): string | null
}

/**
 * null = accept. rejected = breaks a rule, never to be accepted. deferred = HQ cannot judge it yet (it depends on
 * a record HQ has not received); the device keeps the change and sends it again.
 */
export type Verdict = null | { status: 'rejected' | 'deferred'; reason: Reason }

export const reject = (code: string, params: Record<string, string | number> = {}): Verdict => ({
  status: 'rejected',
  reason: { code, params },
})
export const defer = (code: string, params: Record<string, string | number> = {}): Verdict => ({
  status: 'deferred',
  reason: { code, params },
})
