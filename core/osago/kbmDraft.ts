import type { OsagoDraft } from '../../shared/osago/draft'
import { osagoLifecycle } from '../../shared/osago/lifecycle'
import type { OsagoPolicy } from '../../shared/osago/policy'
import { AppError } from '../app/appError'
import type { Db } from '../db/openDatabase'
import { write, type Actor } from '../db/write'
import { findOsagoRecord, searchColumns, toPolicy } from './osagoRows'

/**
 * The draft on screen saved with the national database's KBM answers in it (core/kbm): the same write as
 * `osago/save-draft` — any change unprices a calculated policy, so the premium is calculated again with the classes
 * the register gave — with the check's own audit entry (request ids, classes before and after) in the same
 * transaction. Refused like a save when the policy is no longer editable or changed meanwhile.
 */
export async function saveDraftWithKbmAnswers(
  db: Db,
  actor: Actor,
  now: Date,
  input: { id: string; rowVersion: number; draft: OsagoDraft },
  audit: Record<string, unknown>,
): Promise<OsagoPolicy> {
  const record = await write(db, actor, 'osago.draft-saved', now, async (w) => {
    const found = await findOsagoRecord(w.trx, input.id)
    if (!osagoLifecycle.isEditable(found.policy.status)) throw new AppError('CONFLICT', 'osago.errors.readOnly')
    if (found.policy.row_version !== input.rowVersion) throw new AppError('CONFLICT', 'errors.staleRecord')
    const document = await w.update(
      'osago_document',
      found.document.id,
      { draft: input.draft, calculation: null },
      { before: found.document },
    )
    const policy = await w.update(
      'osago_policy',
      found.policy.id,
      { status: 'draft', premium_kopecks: null, tariff_version: null, ...searchColumns(input.draft) },
      { before: found.policy, expectedVersion: input.rowVersion },
    )
    await w.audit('kbm.checked', 'osago_policy', input.id, null, audit)
    return { policy, document }
  })
  return toPolicy(record)
}
