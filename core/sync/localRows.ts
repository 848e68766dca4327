import type { Knex } from 'knex'
import { syncedTable } from '../db/syncedTables'
import { SYSTEM_ACTOR, Writer } from '../db/write'
import { encodeDocument, toColumns } from '../../shared/sync/documentColumns'

type DbLike = Knex | Knex.Transaction

interface ForeignKey {
  from: string
  table: string
  to: string
}

/**
 * What the device needs to write a row HQ sent into its own table: the table's columns (a newer app may send
 * columns this one lacks) and its foreign keys (a row whose parent has not arrived yet must wait). Read from
 * SQLite itself, so every synced table works without a per-table description.
 */
export class LocalSchema {
  private readonly columns = new Map<string, Set<string> | null>()
  private readonly foreignKeys = new Map<string, ForeignKey[]>()

  /** The columns of a synced table, or null if this app version has no such table. */
  async columnsOf(db: DbLike, table: string): Promise<Set<string> | null> {
    if (!syncedTable(table)) return null
    if (!this.columns.has(table)) {
      const rows = (await db.raw('SELECT name FROM pragma_table_info(?)', [table])) as Array<{ name: string }>
      this.columns.set(table, rows.length ? new Set(rows.map((r) => r.name)) : null)
    }
    return this.columns.get(table) ?? null
  }

  async foreignKeysOf(db: DbLike, table: string): Promise<ForeignKey[]> {
    if (!this.foreignKeys.has(table)) {
      const rows = (await db.raw('SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)', [
        table,
      ])) as ForeignKey[]
      this.foreignKeys.set(
        table,
        rows.map((r) => ({ from: r.from, table: r.table, to: r.to ?? 'id' })),
      )
    }
    return this.foreignKeys.get(table)!
  }
}

export type ApplyOutcome = { applied: true } | { applied: false; reason: string }

/**
 * Writes HQ's version of a record into its local table through `Writer.applyHqVersion`: audited with the local
 * before-state, but with no outbox entry — it is not a local change, so it must not travel back to HQ. Runs in a
 * savepoint so a refused row (a trigger, a unique key clash) leaves the surrounding transaction intact. A missing
 * parent row is reported as `waiting-parent` before anything is written. `at` is when the device applies it.
 */
export async function writeHqVersion(
  trx: Knex.Transaction,
  schema: LocalSchema,
  entity: string,
  data: Record<string, unknown>,
  at: string,
): Promise<ApplyOutcome> {
  const columns = await schema.columnsOf(trx, entity)
  if (!columns) return { applied: false, reason: 'unknown-entity' }
  const values = storedValues(columns, entity, data)
  for (const fk of await schema.foreignKeysOf(trx, entity)) {
    const value = values[fk.from]
    if (value === null || value === undefined) continue
    if (fk.table === entity && value === values.id) continue
    const parent = await trx(fk.table)
      .where(fk.to, value as string)
      .first(fk.to)
    if (!parent) return { applied: false, reason: 'waiting-parent' }
  }
  const document = previousOsagoDocument(entity, data) ?? previousCascoDocument(entity, data)
  try {
    await trx.transaction(async (sp) => {
      const w = new Writer(sp, SYSTEM_ACTOR, 'sync.hq-version', at)
      await w.applyHqVersion(entity, { ...values, id: values.id as string })
      if (document) await w.applyHqVersion(document.table, document.row)
      await w.flush()
    })
    return { applied: true }
  } catch (e) {
    return { applied: false, reason: `refused: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500) }
  }
}

/** A record as HQ sent it, in the local table's form: its columns only, documents as text, booleans as 0/1. */
export function storedValues(
  columns: ReadonlySet<string>,
  entity: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  // Documents arrive as objects (or, from HQ records of the previous version, as text): SQLite keeps text.
  for (const [k, v] of Object.entries(toColumns(entity, data))) {
    if (!columns.has(k)) continue
    values[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v
  }
  return values
}

/** Whether the record carries documents the way the previous version did (written into a table of their own). */
export function hasPreviousDocument(entity: string, data: Record<string, unknown>): boolean {
  return previousOsagoDocument(entity, data) !== null || previousCascoDocument(entity, data) !== null
}

/**
 * A policy written by a device on the previous version carries its documents in the row (before migration
 * 20261205000015). This device keeps them in osago_document, so the policy opens here too. The document is at
 * version 1, the version the migration gives every moved document (and sends HQ): a later version of it from HQ
 * still replaces it.
 */
function previousOsagoDocument(entity: string, data: Record<string, unknown>): PreviousDocument | null {
  if (entity !== 'osago_policy' || data.draft === undefined || data.draft === null) return null
  return {
    table: 'osago_document',
    row: {
      id: String(data.id),
      created_at: data.created_at,
      updated_at: data.updated_at,
      row_version: 1,
      draft: encodeDocument(data.draft),
      calculation: encodeDocument(data.calculation ?? null),
    },
  }
}

/** The same for a CASCO quote of the previous version (before migration 20261205000017): into casco_document. */
function previousCascoDocument(entity: string, data: Record<string, unknown>): PreviousDocument | null {
  if (entity !== 'casco_quote' || data.draft === undefined || data.draft === null) return null
  return {
    table: 'casco_document',
    row: {
      id: String(data.id),
      created_at: data.created_at,
      updated_at: data.updated_at,
      row_version: 1,
      draft: encodeDocument(data.draft),
      quote_input: encodeDocument(data.quote_input ?? null),
      quote_result: encodeDocument(data.quote_result ?? null),
    },
  }
}

interface PreviousDocument {
  table: 'osago_document' | 'casco_document'
  row: Record<string, unknown> & { id: string }
}
