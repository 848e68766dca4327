import type { OsagoPolicy } from '../../shared/osago/policy'
import { readOsagoDraft } from '../../shared/osago/draft'
import type { Db } from '../db/openDatabase'
import { applicationOf, loadOsagoPolicy } from './osagoRows'

/**
 * The policy as its paper must show it now: the issued application stays as issued in `osago_document` (HQ freezes
 * it), and each applied change to the contract (core/osagoChange, table `osago_change`) carries the data after it;
 * the last one's is the policy's current data (docs/domain/osago-changes.md). Read from the table, not through
 * core/osagoChange, which itself reads policies through core/osago/api.ts.
 */
export async function loadPolicyAsChanged(db: Db, id: string): Promise<OsagoPolicy> {
  const policy = await loadOsagoPolicy(db, id)
  const last = (await db('osago_change')
    .where({ policy_id: id, status: 'applied' })
    .orderBy([
      { column: 'applied_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('after')) as { after: string } | undefined
  if (!last || policy.calculation === null) return policy
  const draft = readOsagoDraft(last.after)
  return { ...policy, draft, application: applicationOf(draft) }
}
