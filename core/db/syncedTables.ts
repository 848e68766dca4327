/**
 * Tables whose rows travel to HQ. Each write to one of them goes through `Writer` (core/db/write.ts), which
 * records the after-image in `outbox` and before/after in `audit_log` inside the same transaction.
 * `redactInAudit` keeps secrets out of the audit trail (the audit log is read by people; the outbox by HQ only).
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

/** Extended by feature migrations: call `registerSyncedTable` from the feature's core module. */
const extra = new Map<string, SyncedTable>()
export function registerSyncedTable(name: string, def: SyncedTable = {}): void {
  extra.set(name, def)
}

export function syncedTable(name: string): SyncedTable | undefined {
  return (SYNCED_TABLES as Record<string, SyncedTable>)[name] ?? extra.get(name)
}
