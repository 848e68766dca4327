import type { Knex } from 'knex'
import type { SyncedTableName } from './syncedTables'

/**
 * Columns a feature derives from its rows (today: `search_text`, core/db/search.ts). They sync with the row, but
 * they are the same data as the row's own columns, so HQ's copy of them says nothing a device cannot work out
 * itself — and a row HQ holds from an older version (before the phone and passport were in search_text) would
 * otherwise arrive with the older text and never be found by them. So every row applied from HQ
 * (Writer.applyHqVersion / applyHqVersionPrepared) gets them recomputed here, locally, with the feature's own row
 * function; nothing goes to the outbox or the audit (nothing changed that HQ or a person did not already know).
 *
 * Declared by each feature (`Feature.derived`, core/app/feature.ts) and registered once by createCore, so the
 * Writer and sync never import a feature. Migration 20261205000018 recomputes existing rows with the same
 * functions.
 */
export interface DerivedColumns {
  /** The table whose column is derived. */
  table: SyncedTableName
  column: 'search_text'
  /** The synced tables it is computed from, by the same id (the table itself and its document table). */
  from: readonly SyncedTableName[]
  /**
   * The column's value for the rows with these ids (null: every row); a row it cannot read (a document of an
   * unknown shape) is left out and keeps what it has.
   */
  compute(db: Knex | Knex.Transaction, ids: readonly string[] | null): Promise<Array<{ id: string; value: string }>>
  /**
   * The same value from the rows as the Writer has just written them (every `from` table's row of one id, in
   * SQLite's form but with documents as objects), so a pulled page needs no read back and no JSON.parse of what it
   * wrote (session 11: ~14 ms per 1,000 pulled records). Must agree with `compute` on the same rows: null where
   * `compute` leaves the row out. Optional: without it, `compute` reads the rows.
   */
  fromRows?(rows: ReadonlyMap<string, Readonly<Record<string, unknown>>>): string | null
}

let registered: readonly DerivedColumns[] = []

/** createCore: every feature's derived columns (the same list for every core in the process). */
export function registerDerivedColumns(list: readonly DerivedColumns[]): void {
  registered = list
}

/** The derived columns computed from `table`'s rows (the Writer recomputes them after applying HQ's versions). */
export function derivedFrom(tables: Iterable<string>): DerivedColumns[] {
  const set = new Set(tables)
  return registered.filter((d) => d.from.some((t) => set.has(t)))
}
