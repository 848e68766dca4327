import type { Lifecycle } from '../../shared/lifecycle/lifecycle'
import { LIFECYCLES } from '../../shared/lifecycle/registry'

/**
 * Tables whose rows sync with HQ. Only `Writer` (core/db/write.ts) changes them — it refuses a table not listed
 * here, and scripts/writerOnly.test.ts fails on a write to a listed table outside it. A local change (`insert`,
 * `update`) records the after-image in `outbox` and before/after in `audit_log` in the same transaction; HQ's
 * version of a row (`applyHqVersion`, pulled or a lost conflict) gets an audit entry but no outbox entry. Pull
 * (core/sync/localRows.ts) accepts rows only for tables listed here. `redactInAudit` keeps secrets out of the
 * audit trail (the audit log is read by people; the outbox by HQ only).
 *
 * Each table belongs to one feature, which names it in `syncedTables` of its `core/<feature>/app.ts`:
 * core/app/features.test.ts fails unless the features' tables are exactly these, and hq/rules/featureRules.test.ts
 * unless HQ has a rule for each (hq/rules/registry.ts).
 */
export interface SyncedTable {
  redactInAudit?: readonly string[]
  /** The table's status machine (shared/<feature>/lifecycle.ts): the Writer refuses a move it lacks. */
  lifecycle?: Lifecycle
}

export const SYNCED_TABLES = {
  branch: {},
  staff: { redactInAudit: ['password_hash'] },
  setting: {},
  policy_blank: { lifecycle: LIFECYCLES.blanks },
  osago_policy: { lifecycle: LIFECYCLES.osago },
  // The policy's documents (draft, calculation), one per policy with its id: out of the hot row.
  osago_document: {},
  manual_contract: {},
  termination_application: { lifecycle: LIFECYCLES.termination },
  casco_quote: { lifecycle: LIFECYCLES.casco },
  // The quote's documents (draft, engine input and result), one per quote with its id: out of the hot row.
  casco_document: {},
  inspection: { lifecycle: LIFECYCLES.inspection },
  inspection_damage: {},
  inspection_photo: {},
  approval_decision: { lifecycle: LIFECYCLES.approval },
  printer_profile: {},
  // Written only by HQ (national register) and pulled; HQ refuses a device's change to it.
  osago_registration: {},
  // The client card (core/client): the card, its versions (only inserted), and the records naming the client.
  // Personal data stays out of the append-only audit log: the versions are the card's history, and an erasure
  // past retention empties them (decision 101, docs/domain/personal-data.md#erasure).
  client: { redactInAudit: ['party', 'display_name', 'passport', 'inn', 'phone', 'search_text'] },
  client_version: { redactInAudit: ['party'] },
  client_link: {},
  // Changes to issued OSAGO policies and duplicates of lost ones (core/osagoChange).
  osago_change: { lifecycle: LIFECYCLES.osagoChange },
  // The payments journal (only inserted; core/payments' write hook refuses an update) and the cash days.
  payment: {},
  cash_day: { lifecycle: LIFECYCLES.payments },
  // Issued documents' ledger, chained per branch computer (core/print/documentLedger.ts; only inserted, HQ refuses the rest).
  document_ledger: {},
} as const satisfies Record<string, SyncedTable>

export type SyncedTableName = keyof typeof SYNCED_TABLES

/** The table's entry, or undefined for a table that does not sync (the Writer and the pull refuse those). */
export function syncedTable(name: string): SyncedTable | undefined {
  return Object.prototype.hasOwnProperty.call(SYNCED_TABLES, name)
    ? (SYNCED_TABLES as Record<string, SyncedTable>)[name]
    : undefined
}
