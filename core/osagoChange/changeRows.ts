import type { Knex } from 'knex'
import { readOsagoDraft, type OsagoDraft } from '../../shared/osago/draft'
import type { OsagoChange } from '../../shared/osagoChange/change'
import { changeKindOf, type ChangePath, type OsagoChangeRulesData } from '../../shared/osagoChange/changeRules'
import type { Db } from '../db/openDatabase'
import { fromStored, type RowOf } from '../db/tables'
import { AppError } from '../app/appError'
import { appliedOsagoChanges, findOsagoRecord, osagoTermsInForce } from '../osago/api'

export type ChangeRow = RowOf<'osago_change'>

/** The change as the screen reads it; `paths` from the rules the change was started under. */
export function toChange(row: ChangeRow, rules: OsagoChangeRulesData | null): OsagoChange {
  const paths: ChangePath[] = row.kind === 'duplicate' ? [] : (rules && changeKindOf(rules, row.kind)?.changes) || []
  return {
    id: row.id,
    policyId: row.policy_id,
    kind: row.kind,
    status: row.status,
    print: row.print_form,
    paths,
    effectiveDate: row.effective_date,
    before: readOsagoDraft(row.before),
    after: readOsagoDraft(row.after),
    calculation: row.calculation,
    settlement: row.settlement,
    feeKopecks: row.fee_kopecks,
    oldBlankId: row.old_blank_id,
    newBlank:
      row.new_blank_id && row.new_series && row.new_number
        ? { id: row.new_blank_id, series: row.new_series, number: row.new_number }
        : null,
    reason: row.reason,
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  }
}

export async function findChangeRow(db: Db | Knex.Transaction, id: string): Promise<ChangeRow> {
  const row = (await db('osago_change').where({ id }).first()) as Record<string, unknown> | undefined
  if (!row) throw new AppError('NOT_FOUND', 'errors.notFound')
  return fromStored('osago_change', row)
}

/** The policy's changes, newest first. */
export async function changeRowsOf(db: Db | Knex.Transaction, policyId: string): Promise<ChangeRow[]> {
  const rows = (await db('osago_change')
    .where({ policy_id: policyId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as Array<Record<string, unknown>>
  return rows.map((r) => fromStored('osago_change', r))
}

/**
 * The policy as it stands now: its data (the last applied change's `after`, or the application it was issued
 * with — which itself never changes) and its annual premium (the last priced change's new premium, or the issued
 * one).
 */
export interface PolicyNow {
  record: Awaited<ReturnType<typeof findOsagoRecord>>
  draft: OsagoDraft
  premiumKopecks: number
}

export async function policyNow(db: Db | Knex.Transaction, policyId: string): Promise<PolicyNow> {
  const record = await findOsagoRecord(db, policyId)
  // The same reading of the applied changes as the paper and the termination desk (core/osago/termsInForce.ts).
  const terms = osagoTermsInForce(
    { draft: readOsagoDraft(record.document.draft), premiumKopecks: record.policy.premium_kopecks ?? 0 },
    (await appliedOsagoChanges(db, [policyId])).get(policyId) ?? [],
  )
  return { record, draft: terms.draft, premiumKopecks: terms.premiumKopecks }
}
