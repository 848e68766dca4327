import type { OsagoPolicy } from '../../shared/osago/policy'
import type { Db } from '../db/openDatabase'
import { applicationOf, loadOsagoPolicy } from './osagoRows'
import { appliedOsagoChanges, osagoTermsInForce } from './termsInForce'

/**
 * The policy as its paper must show it now: the issued application stays as issued in `osago_document` (HQ freezes
 * it), and each applied change to the contract (core/osagoChange, table `osago_change`) carries the data after it;
 * the last one's is the policy's current data (docs/domain/osago-changes.md). Read from the table, not through
 * core/osagoChange, which itself reads policies through core/osago/api.ts.
 */
export async function loadPolicyAsChanged(db: Db, id: string): Promise<OsagoPolicy> {
  const policy = await loadOsagoPolicy(db, id)
  const changes = (await appliedOsagoChanges(db, [id])).get(id) ?? []
  if (changes.length === 0 || policy.calculation === null) return policy
  const { draft } = osagoTermsInForce(
    { draft: policy.draft, premiumKopecks: policy.calculation.premiumKopecks },
    changes,
  )
  return { ...policy, draft, application: applicationOf(draft) }
}
