import type { Knex } from 'knex'
import { syncedTable } from '../db/syncedTables'
import { SYSTEM_ACTOR, Writer } from '../db/write'
import {
  decodeDocument,
  DOCUMENT_COLUMNS,
  encodeDocument,
  PREVIOUS_DOCUMENT_COLUMNS,
  toColumns,
} from '../../shared/sync/documentColumns'

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
  private readonly affinities = new Map<string, Map<string, Affinity>>()
  private readonly defaults = new Map<string, Map<string, unknown>>()
  private readonly foreignKeys = new Map<string, ForeignKey[]>()

  /** The columns of a synced table (in the table's order), or null if this app version has no such table. */
  async columnsOf(db: DbLike, table: string): Promise<Set<string> | null> {
    if (!syncedTable(table)) return null
    if (!this.columns.has(table)) {
      const rows = (await db.raw('SELECT name, type, dflt_value FROM pragma_table_info(?)', [table])) as Array<{
        name: string
        type: string
        dflt_value: string | null
      }>
      this.columns.set(table, rows.length ? new Set(rows.map((r) => r.name)) : null)
      this.affinities.set(table, new Map(rows.map((r) => [r.name, affinityOf(r.type)])))
      const defaults = new Map<string, unknown>()
      for (const r of rows) {
        const value = defaultOf(r.dflt_value, affinityOf(r.type))
        if (value !== undefined) defaults.set(r.name, value)
      }
      this.defaults.set(table, defaults)
    }
    return this.columns.get(table) ?? null
  }

  /** Each column's SQLite type affinity, once `columnsOf` has read the table. */
  affinitiesOf(table: string): ReadonlyMap<string, Affinity> | undefined {
    return this.affinities.get(table)
  }

  /**
   * What an INSERT that leaves a column out stores in it, once `columnsOf` has read the table, for the columns where
   * that is a constant known here (no default: null; a literal default, as SQLite keeps it in the column).
   */
  defaultsOf(table: string): ReadonlyMap<string, unknown> | undefined {
    return this.defaults.get(table)
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

/** SQLite's column type affinity (https://sqlite.org/datatype3.html §3.1). */
export type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric'

function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase()
  if (t.includes('INT')) return 'integer'
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text'
  if (t === '' || t.includes('BLOB')) return 'blob'
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real'
  return 'numeric'
}

/**
 * The value a column's declared default (pragma_table_info's dflt_value, SQL text) stores, as better-sqlite3 reads it
 * back; undefined when that is not certain here (an expression, CURRENT_TIMESTAMP, a number in an unusual form).
 */
function defaultOf(declared: string | null, affinity: Affinity): unknown {
  if (declared === null || /^null$/i.test(declared)) return null
  const quoted = /^'((?:[^']|'')*)'$/s.exec(declared)
  const text = quoted ? quoted[1]!.replaceAll("''", "'") : /^-?\d+$/.test(declared) ? declared : undefined
  if (text === undefined) return undefined
  if (affinity === 'text' || affinity === 'blob') return quoted || affinity === 'text' ? text : undefined
  // A numeric column turns text of a canonical integer into that integer (knex writes `default '1'`).
  if (/^-?(0|[1-9]\d{0,14})$/.test(text)) return Number(text)
  return keptAsIs(text, affinity) ? text : undefined
}

/** Whether SQLite keeps `value` as it is in a column of this affinity (reads back the same JS value). */
function keptAsIs(value: unknown, affinity: Affinity): boolean {
  if (value === null) return true
  if (typeof value === 'number') return affinity !== 'text'
  if (typeof value !== 'string') return false
  // Text that looks like a number turns into one in a numeric column; anything Number() could read counts.
  return affinity === 'text' || affinity === 'blob' || (value.trim() !== '' && Number.isNaN(Number(value)))
}

/**
 * A pulled record's row as written (`values`, storedValues) and, when the record carries every column of the
 * table in a form SQLite keeps as it is, the row's audit image: the same row with documents as the objects that
 * arrived, in the table's column order — what reading the written row back (RETURNING *) and decoding its
 * documents gives, without the read or the JSON.parse. Null when a column is missing (its default, or the
 * local value, would show only in the row read back) — unless `defaults` say what a new row gets there (then it is
 * written with that value) — or a value would be converted by the column's affinity.
 */
export function pulledRow(
  columns: ReadonlySet<string>,
  affinities: ReadonlyMap<string, Affinity> | undefined,
  entity: string,
  data: Record<string, unknown>,
  /** For a row the device does not hold: a column the record lacks gets what an INSERT without it would store. */
  defaults?: ReadonlyMap<string, unknown>,
): { values: Record<string, unknown>; image: Record<string, unknown> | null; documentTexts: string[] } {
  const values = storedValues(columns, entity, data)
  // Document columns that arrived as objects: `values` holds their JSON.stringify, `image` the objects themselves,
  // so the audit entry can reuse the text (core/db/auditJson.ts). A document that arrived as text is not listed.
  const documentTexts: string[] = []
  if (!affinities) return { values, image: null, documentTexts }
  const documents = new Set([...(DOCUMENT_COLUMNS[entity] ?? []), ...(PREVIOUS_DOCUMENT_COLUMNS[entity] ?? [])])
  const image: Record<string, unknown> = {}
  // In the table's order, as reading the row back gives it (a later record of the page audits it as `before`).
  const ordered: Record<string, unknown> = {}
  for (const c of columns) {
    // A record written by a device that left columns out (null, or their default) lacks them; HQ keeps it so.
    const filled = values[c] === undefined && defaults?.has(c)
    const v = filled ? defaults!.get(c) : values[c]
    if (v === undefined || !keptAsIs(v, affinities.get(c) ?? 'blob')) return { values, image: null, documentTexts }
    if (filled && documents.has(c) && v !== null) return { values, image: null, documentTexts }
    ordered[c] = v
    image[c] = filled ? v : documents.has(c) ? decodeDocument(data[c]) : v
    if (!filled && documents.has(c) && data[c] !== null && typeof data[c] === 'object') documentTexts.push(c)
  }
  return { values: ordered, image, documentTexts }
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
