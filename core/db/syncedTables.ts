/**
 * Tables whose rows sync with HQ. Only `Writer` (core/db/write.ts) changes them — it refuses a table not listed
 * here, and scripts/writerOnly.test.ts fails on a write to a listed table outside it. A local change (`insert`,
 * `update`) records the after-image in `outbox` and before/after in `audit_log` in the same transaction; HQ's
 * version of a row (`applyHqVersion`, pulled or a lost conflict) gets an audit entry but no outbox entry. Pull
 * (core/sync/localRows.ts) accepts rows only for tables listed here. `redactInAudit` keeps secrets out of the
 * audit trail (the audit log is read by people; the outbox by HQ only).
 */
export interface SyncedTable {
  redactInAudit?: readonly string[]
}

export const SYNCED_TABLES = {
  branch: {},
  staff: { redactInAudit: ['password_hash'] },
  setting: {},
  policy_blank: {},
  osago_policy: {},
  manual_contract: {},
  termination_application: {},
  casco_quote: {},
  inspection: {},
  inspection_damage: {},
  inspection_photo: {},
  approval_decision: {},
  printer_profile: {},
  // Written only by HQ (national register) and pulled; HQ refuses a device's change to it.
  osago_registration: {},
} as const satisfies Record<string, SyncedTable>

export type SyncedTableName = keyof typeof SYNCED_TABLES

/**
 * Tables added at run time, beside the list above. No module calls it today: every synced table is listed in
 * `SYNCED_TABLES`, which is also the list scripts/writerOnly.test.ts checks.
 */
const extra = new Map<string, SyncedTable>()
export function registerSyncedTable(name: string, def: SyncedTable = {}): void {
  extra.set(name, def)
}

export function syncedTable(name: string): SyncedTable | undefined {
  return (SYNCED_TABLES as Record<string, SyncedTable>)[name] ?? extra.get(name)
}
