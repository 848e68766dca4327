import type { Knex } from 'knex'
import type BetterSqlite3 from 'better-sqlite3'
import { uuidv7 } from 'uuidv7'
import { imageText, pulledImageJson } from './auditJson'
import { AUDIT_FROM_JOURNAL, auditGoesDirect } from './journalFiling'
import { AppError } from '../app/appError'
import type { Db } from './openDatabase'
import { derivedFrom } from './derived'
import { SYNCED_TABLES, syncedTable } from './syncedTables'
import { columnsOf, fromStored, type InsertOf, type PatchOf, type RowOf, type TableName } from './tables'
import { toColumns, toWire } from '../../shared/sync/documentColumns'

export interface Actor {
  userId: string | null
  login: string | null
}

export const SYSTEM_ACTOR: Actor = { userId: null, login: 'system' }

type Row = Record<string, unknown>

/** Options of `Writer.update`. */
export interface UpdateOptions<N extends TableName> {
  /** Refused (CONFLICT) when the row's version differs: somebody changed it since the caller read it. */
  expectedVersion?: number
  /**
   * The row as the caller already read it IN THIS TRANSACTION (inside `write()`), so the Writer does not read it
   * again; its version is checked all the same. A row read before the transaction must not be passed here.
   */
  before?: RowOf<N>
}

/**
 * The only way anything changes synced data. One `write()` = one SQLite transaction holding the rows, their
 * outbox entries (what HQ will receive) and their audit entries (who, when, what, before/after). If any part
 * fails, or the process dies, none of it is there. No code outside this file inserts, updates or deletes a
 * synced table (scripts/writerOnly.test.ts): a write beside the Writer would leave HQ unaware of it and give the
 * next audit entry a false before-state.
 *
 * Typed by table name (core/db/tables.ts): `insert` and `update` take and return that table's row, documents
 * declared `json<T>()` as objects (stored as JSON text). In the outbox and the audit log every document column is
 * the object itself (shared/sync/documentColumns.ts), not JSON text inside JSON. The outbox and audit entries of
 * one `write()` are filed together when its callback ends (`flush`): one insert into `write_journal`, whose trigger
 * puts each entry into the audit log and, for a local change, the outbox (migration 20261205000016), whatever it
 * wrote — so a write costs its own reads and row statements plus one.
 */
export class Writer {
  /** Entries in the order they were made: the audit entry, with its outbox change when it is a local change. */
  private readonly journal: Row[] = []
  /** Rows applied from HQ in this write, by table: their derived columns are recomputed at flush (core/db/derived.ts). */
  private readonly fromHq = new Map<string, Set<string>>()
  /** The prepared statements `applyHqVersionPrepared` ran on, which also file the journal at `flush`. */
  private prepared: PreparedWrites | null = null
  /**
   * Rows applied from HQ whose image the caller vouched for (`applyHqVersionPrepared`), by table and id: the derived
   * columns are computed from them without reading them back. A row written any other way is not here.
   */
  private readonly hqImages = new Map<string, Map<string, Row>>()

  constructor(
    readonly trx: Knex.Transaction,
    readonly actor: Actor,
    readonly action: string,
    readonly now: string,
  ) {}

  async insert<N extends TableName>(table: N, values: InsertOf<N>): Promise<RowOf<N>> {
    this.requireSynced(table)
    const row = {
      id: uuidv7(),
      created_at: this.now,
      updated_at: this.now,
      row_version: 1,
      ...values,
    } as Row & { id: string; row_version: number }
    assertMove(table, null, row)
    await this.trx(table).insert(toStored(table, row))
    this.record(table, 'insert', row.id, row.row_version, null, row)
    await this.runHooks(table, null, row)
    return fromStored(table, row) as RowOf<N>
  }

  /**
   * Updates one row. With `expectedVersion` the write is refused (CONFLICT) when somebody changed the row since
   * the caller read it, so a stale form never overwrites newer data. Returns the row after the change (what the
   * outbox carries): a handler answers from it instead of reading the row again.
   */
  async update<N extends TableName>(
    table: N,
    id: string,
    patch: PatchOf<N>,
    options?: number | UpdateOptions<N>,
  ): Promise<RowOf<N>> {
    this.requireSynced(table)
    const opts: UpdateOptions<N> = typeof options === 'number' ? { expectedVersion: options } : (options ?? {})
    const before = opts.before
      ? (toStored(table, opts.before) as Row & { row_version: number })
      : ((await this.trx(table).where({ id }).first()) as (Row & { row_version: number }) | undefined)
    if (!before || before.id !== id) throw new AppError('NOT_FOUND', 'errors.notFound')
    if (opts.expectedVersion !== undefined && before.row_version !== opts.expectedVersion) {
      throw new AppError('CONFLICT', 'errors.staleRecord')
    }
    const stored = toStored(table, patch)
    const after = { ...before, ...stored, updated_at: this.now, row_version: before.row_version + 1 }
    assertMove(table, before, after)
    await this.trx(table)
      .where({ id })
      .update({ ...stored, updated_at: after.updated_at, row_version: after.row_version })
    this.record(table, 'update', id, after.row_version, before, after)
    await this.runHooks(table, before, after)
    return fromStored(table, after) as RowOf<N>
  }

  /**
   * Claims one row for this transaction without changing it: a no-op UPDATE of the row `target` names (its id,
   * or a subquery that picks it) among those `filter` lets through. The statement takes SQLite's write lock, so
   * no other connection — in this process or another on the same file — can change or claim the row until the
   * transaction ends; the caller then changes it with `update`, which records it. Returns the id, or null when
   * no row qualified. Records nothing: nothing has changed yet.
   */
  async claim(
    table: TableName,
    target: string | Knex.QueryBuilder,
    filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder = (q) => q,
  ): Promise<string | null> {
    this.requireSynced(table)
    const rows = (await filter(this.trx(table).where('id', target)).update({ id: this.trx.raw('??', ['id']) }, [
      'id',
    ])) as Array<{ id: string }>
    return rows.length === 1 ? rows[0]!.id : null
  }

  /**
   * Writes HQ's version of a row as HQ holds it (a pulled change, or the winner of a conflict this device lost).
   * It is not a local change, so it gets no outbox entry — it must not travel back to HQ — but it gets an audit
   * entry with the local before-state, so the history keeps what the device had before HQ's version replaced it.
   * `values` carries the id and HQ's row_version, in SQLite's form (core/sync/localRows.ts encodes documents).
   */
  async applyHqVersion(table: string, values: Row & { id: string }): Promise<void> {
    this.requireSynced(table)
    this.appliedFromHq(table, values.id)
    this.hqImages.get(table)?.delete(values.id)
    const before = (await this.trx(table).where({ id: values.id }).first()) as Row | undefined
    if (before) await this.trx(table).where({ id: values.id }).update(values)
    else await this.trx(table).insert(values)
    const after = (await this.trx(table).where({ id: values.id }).first()) as Row
    const redact = syncedTable(table)?.redactInAudit ?? []
    this.audit(
      this.action,
      table,
      values.id,
      before ? auditImage(table, before, redact) : null,
      auditImage(table, after, redact),
    )
  }

  /**
   * `applyHqVersion` for a page of pulled rows (core/sync/pullChanges.ts), at one statement per row: the caller
   * read the local row in this transaction (`before`, undefined when there is none) and `statements` prepares
   * each statement once on the transaction's own connection. The audit entry is the same; no savepoint — a row
   * SQLite refuses throws, and the caller redoes the page row by row. Returns the row as written.
   */
  applyHqVersionPrepared(
    statements: PreparedWrites,
    table: string,
    values: Row & { id: string },
    before: Row | undefined,
    image?: Row,
    /** Columns of `image` holding an object whose JSON.stringify is the text in `values` (auditJson.ts). */
    documentTexts?: readonly string[],
  ): Row {
    this.requireSynced(table)
    this.appliedFromHq(table, values.id)
    this.prepared = statements
    const redact = syncedTable(table)?.redactInAudit ?? []
    // `image`: the caller vouches that `values` carry every column of the table in the form SQLite keeps them
    // (core/sync/localRows.ts `pulledRow`), so the row as written is `values` itself and its audit image is
    // `image` (documents as the objects that arrived): no RETURNING, no re-parsing of the text just stored.
    const exists = before !== undefined
    let written: Row
    let images = this.hqImages.get(table)
    if (image) {
      // A new row is held for a multi-row INSERT (PreparedWrites.hold): nothing reads it back before `flush`.
      if (exists) statements.write(table, values, true, false)
      else statements.hold(table, values)
      written = values
      if (!images) this.hqImages.set(table, (images = new Map()))
      images.set(values.id, image)
    } else {
      written = statements.write(table, values, exists, true)!
      images?.delete(values.id)
    }
    this.journal.push(
      this.auditEntry(
        this.action,
        table,
        values.id,
        before ? auditImage(table, before, redact) : null,
        image
          ? documentTexts?.length
            ? pulledImageJson(redactRow(image, redact), values, documentTexts)
            : redactRow(image, redact)
          : auditImage(table, written, redact),
        null,
      ),
    )
    return written
  }

  /** An audit entry for an event that changes no synced row (sign-in, a failed attempt, a print). */
  audit(
    action: string,
    entity: string | null,
    entityId: string | null,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    this.journal.push(this.auditEntry(action, entity, entityId, before, after, null))
    return Promise.resolve()
  }

  private auditEntry(
    action: string,
    entity: string | null,
    entityId: string | null,
    before: unknown,
    after: unknown,
    change: { change_id: string; op: 'insert' | 'update'; row_version: number; data: string } | null,
  ): Row {
    return {
      change_id: change?.change_id ?? null,
      op: change?.op ?? null,
      row_version: change?.row_version ?? null,
      data: change?.data ?? null,
      audit_id: uuidv7(),
      at: this.now,
      actor_id: this.actor.userId,
      actor_login: this.actor.login,
      action,
      entity,
      entity_id: entityId,
      before: before == null ? null : JSON.stringify(before),
      after: after == null ? null : imageText(after),
    }
  }

  /**
   * Inserts the outbox and audit entries recorded so far, in the order they were made. `write()` calls it when
   * its callback ends; code that makes its own Writer inside a transaction (pull) calls it before that ends.
   */
  async flush(): Promise<void> {
    // Held inserts go in first: the derived columns are computed from the rows as written.
    this.prepared?.flushHeld()
    await this.recomputeDerived()
    const journal = this.journal.splice(0)
    // A pull page files its entries through multi-row prepared statements on the transaction's connection.
    if (this.prepared) return this.prepared.fileJournal(journal)
    // knex inserts several rows into SQLite as one compound SELECT, and SQLite takes at most 500 terms in one.
    for (let i = 0; i < journal.length; i += 250) await this.trx('write_journal').insert(journal.slice(i, i + 250))
  }

  private record(
    table: string,
    op: 'insert' | 'update',
    id: string,
    version: number,
    before: Row | null,
    after: Row,
  ): void {
    const redact = syncedTable(table)?.redactInAudit ?? []
    this.journal.push(
      this.auditEntry(
        this.action,
        table,
        id,
        before && auditImage(table, before, redact),
        auditImage(table, after, redact),
        { change_id: uuidv7(), op, row_version: version, data: JSON.stringify(toWire(table, after)) },
      ),
    )
  }

  /**
   * Rows of these tables may have been written beside this Writer (a pulled record taking the savepoint way): their
   * derived columns are computed from the rows read back, not from the images this Writer holds.
   */
  forgetImages(): void {
    this.hqImages.clear()
  }

  private appliedFromHq(table: string, id: string): void {
    let ids = this.fromHq.get(table)
    if (!ids) this.fromHq.set(table, (ids = new Set()))
    ids.add(id)
  }

  /**
   * The derived columns (search_text) of the rows applied from HQ, recomputed locally with the features' row
   * functions and written where they differ: derived data, so no outbox or audit entry (core/db/derived.ts).
   */
  private async recomputeDerived(): Promise<void> {
    if (!this.fromHq.size) return
    const applied = new Map(this.fromHq)
    this.fromHq.clear()
    const images = new Map(this.hqImages)
    this.hqImages.clear()
    let conn: BetterSqlite3.Database | null = null
    for (const d of derivedFrom(applied.keys())) {
      const ids = [...new Set(d.from.flatMap((t) => [...(applied.get(t) ?? [])]))]
      conn ??= (await this.trx.client.acquireConnection()) as BetterSqlite3.Database
      const update = conn.prepare(`UPDATE "${d.table}" SET "${d.column}" = ? WHERE id = ? AND "${d.column}" IS NOT ?`)
      // From the images where this Writer wrote every row the value is computed from (a pulled contract's policy
      // and document in one page); the rest read back. The UPDATE is skipped where the row as written holds the
      // value already — what its `IS NOT` would have found.
      const read: string[] = []
      for (const id of ids) {
        const rows = d.fromRows ? imagesOf(images, d.from, id) : null
        if (!rows) {
          read.push(id)
          continue
        }
        const value = d.fromRows!(rows)
        const row = rows.get(d.table)
        if (value !== null && (!row || row[d.column] !== value)) update.run(value, id, value)
      }
      for (let i = 0; i < read.length; i += 500) {
        for (const r of await d.compute(this.trx, read.slice(i, i + 500))) update.run(r.value, r.id, r.value)
      }
    }
  }

  private async runHooks(table: string, before: Row | null, after: Row): Promise<void> {
    for (const hook of writeHooks) if (hook.table === table) await hook.run(this, before, after)
  }

  private requireSynced(table: string): void {
    if (!syncedTable(table) || !columnsOf(table)) throw new Error(`Table ${table} is not registered as synced`)
  }
}

/**
 * A feature's step in another feature's write, in the same transaction, right after a local insert or update of
 * `table` (core/client: the client matched and linked when a policy is issued — decision in docs/decisions.md),
 * so the feature that writes the row needs no call of its own. Not run for rows applied from HQ: those come with
 * their own consequences. `before`/`after` are the rows as stored (documents as JSON text). Registered once by
 * createCore from every feature's `writeHooks` (core/app/feature.ts).
 */
export interface WriteHook {
  table: string
  run(w: Writer, before: Readonly<Row> | null, after: Readonly<Row>): Promise<void>
}

let writeHooks: readonly WriteHook[] = []

/** createCore: every feature's write hooks (the same list for every core in the process). */
export function registerWriteHooks(list: readonly WriteHook[]): void {
  writeHooks = list
}

/**
 * Triggers that keep a local table derived from synced rows (the radar's watch list, migration
 * 20261206000008_osago_card_watch): each recomputes one row from the tables as they stand whenever any of them
 * changes, so the order rows go in does not change the result, and none refuses a row. A held row may go in after
 * them: a page's policies and documents stay multi-row INSERTs (with them counted as checks, session 12's pull
 * took 0.75 → 1.3 s per 10,000 records, bench/sync/pullProfile.ts).
 */
const DERIVED_TRIGGER = /^osago_card_watch_/

/**
 * Insert and update statements of synced tables, prepared once per table and column set on one transaction's
 * connection (better-sqlite3): pulling thousands of rows then costs no SQL building per row. Only the Writer
 * runs them (`applyHqVersionPrepared`).
 */
export class PreparedWrites {
  private readonly cache: Map<string, BetterSqlite3.Statement>
  /** New rows waiting for a multi-row INSERT, per table in the order they came (see `hold`). */
  private readonly held = new Map<string, Array<Row & { id: string }>>()
  private readonly holdable = new Map<string, boolean>()
  private readonly parentTables = new Map<string, string[]>()

  private constructor(private readonly conn: BetterSqlite3.Database) {
    let cache = preparedOn.get(conn)
    if (!cache) preparedOn.set(conn, (cache = new Map()))
    this.cache = cache
  }

  /** On the transaction's connection (the database has one), so the statements run inside the transaction. */
  static async of(trx: Knex.Transaction): Promise<PreparedWrites> {
    return new PreparedWrites((await trx.client.acquireConnection()) as BetterSqlite3.Database)
  }

  /**
   * A new row, inserted at the next `flushHeld` in one multi-row INSERT with the other rows of its table. One
   * statement per row costs a statement transaction each, and a table with an FTS5 index (search_text, migration
   * 20261205000018) writes its pending index at every one of them: policies went in 3–10× slower one row per
   * statement than 100 a statement (measured for issue 12). Order is kept where it can be seen: a table's rows go in the order they came, a
   * parent table's before its children's (foreign keys are checked at each statement's end), and every other
   * statement of this object (`write`) and the Writer's `flush` insert the held rows first; the caller flushes
   * before any statement of its own. A table with a trigger that reads or writes another synced table is not held.
   * A row SQLite refuses throws at the flush, failing the whole statement: the caller redoes the page row by row.
   */
  hold(table: string, values: Row & { id: string }): void {
    if (!this.canHold(table)) {
      this.write(table, values, false, false)
      return
    }
    let rows = this.held.get(table)
    if (!rows) this.held.set(table, (rows = []))
    rows.push(values)
  }

  /** Inserts every held row: parent tables first, each table's rows in order, up to HELD_PARAMS values a statement. */
  flushHeld(): void {
    if (!this.held.size) return
    const order: string[] = []
    const visit = (table: string, path: Set<string>) => {
      if (order.includes(table) || path.has(table)) return // a cycle of tables: its foreign keys decide at the end
      path.add(table)
      for (const parent of this.parentsOf(table)) if (parent !== table && this.held.has(parent)) visit(parent, path)
      order.push(table)
    }
    for (const table of this.held.keys()) visit(table, new Set())
    const held = new Map(this.held)
    this.held.clear()
    for (const table of order) {
      const rows = held.get(table)!
      // Rows of one column set at a time (a page's rows of a table usually share one), in the order they came.
      for (let start = 0; start < rows.length;) {
        const columns = Object.keys(rows[start]!)
        const shape = columns.join('\u0000')
        const per = Math.max(1, Math.floor(HELD_PARAMS / columns.length))
        let end = start + 1
        while (end < rows.length && end - start < per && Object.keys(rows[end]!).join('\u0000') === shape) end++
        const params: unknown[] = []
        for (let i = start; i < end; i++) for (const c of columns) params.push(rows[i]![c])
        this.insertMany(table, columns, end - start).run(...params)
        start = end
      }
    }
  }

  private insertMany(table: string, columns: readonly string[], count: number): BetterSqlite3.Statement {
    const key = `many\u0000${count}\u0000${table}\u0000${columns.join('\u0000')}`
    let statement = this.cache.get(key)
    if (!statement) {
      const q = (name: string) => `"${name.replaceAll('"', '""')}"`
      const row = `(${columns.map(() => '?').join(', ')})`
      statement = this.conn.prepare(
        `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${Array.from({ length: count }, () => row).join(', ')}`,
      )
      this.cache.set(key, statement)
    }
    return statement
  }

  /** Tables this one's foreign keys point to. */
  private parentsOf(table: string): string[] {
    let parents = this.parentTables.get(table)
    if (!parents) {
      const rows = this.conn
        .prepare('SELECT DISTINCT "table" AS t FROM pragma_foreign_key_list(?)')
        .all(table) as Array<{
        t: string
      }>
      this.parentTables.set(table, (parents = rows.map((r) => r.t)))
    }
    return parents
  }

  /**
   * Whether a new row of the table may wait for a multi-row INSERT: none of its triggers names another synced
   * table (a check reading another table must see that table as the rows before this one left it) — but those
   * that keep a local derived table (DERIVED_TRIGGER), which check nothing.
   */
  private canHold(table: string): boolean {
    let ok = this.holdable.get(table)
    if (ok === undefined) {
      const triggers = this.conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
        .all(table) as Array<{ name: string; sql: string | null }>
      const others = Object.keys(SYNCED_TABLES).filter((t) => t !== table)
      ok = triggers.every(
        ({ name, sql }) =>
          DERIVED_TRIGGER.test(name) ||
          (sql !== null && others.every((t) => !new RegExp(`(^|[^\\w])${t}($|[^\\w])`, 'i').test(sql))),
      )
      this.holdable.set(table, ok)
    }
    return ok
  }

  /**
   * Writes the row; with `returning` answers the row as SQLite holds it, else nothing (undefined). Held rows go in
   * first, so the statement sees what came before it.
   */
  write(table: string, values: Row & { id: string }, exists: boolean, returning = true): Row | undefined {
    this.flushHeld()
    const columns = Object.keys(values)
    const key = `${exists ? 'update' : 'insert'}\u0000${returning ? 'r' : ''}\u0000${table}\u0000${columns.join('\u0000')}`
    let statement = this.cache.get(key)
    if (!statement) {
      const q = (name: string) => `"${name.replaceAll('"', '""')}"`
      const tail = returning ? ' RETURNING *' : ''
      statement = this.conn.prepare(
        exists
          ? `UPDATE ${q(table)} SET ${columns.map((c) => `${q(c)} = ?`).join(', ')} WHERE id = ?${tail}`
          : `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${tail}`,
      )
      this.cache.set(key, statement)
    }
    const params = columns.map((c) => values[c])
    if (exists) params.push(values.id)
    if (!returning) {
      statement.run(...params)
      return undefined
    }
    return statement.get(...params) as Row
  }

  /**
   * Files audit/outbox entries (Writer's journal rows) into `write_journal` in order, in multi-row prepared inserts
   * (its trigger runs for each row as for a row at a time; the statements are fewer).
   */
  fileJournal(journal: readonly Row[]): void {
    // Runs of audit-only entries (a pulled page's) go straight into audit_log while the trigger allows it
    // (core/db/journalFiling.ts); the rest through the view. Order is kept: runs are filed as they come.
    this.auditDirect ??= auditGoesDirect(this.conn)
    const direct = (row: Row) => this.auditDirect === true && row.change_id == null
    for (let start = 0; start < journal.length;) {
      const auditOnly = direct(journal[start]!)
      let end = start + 1
      while (end < journal.length && direct(journal[end]!) === auditOnly) end++
      const table = auditOnly ? 'audit_log' : 'write_journal'
      const columns = auditOnly ? AUDIT_FROM_JOURNAL.map(([c]) => c) : JOURNAL_COLUMNS
      const from = auditOnly ? AUDIT_FROM_JOURNAL.map(([, j]) => j) : JOURNAL_COLUMNS
      const per = Math.floor(HELD_PARAMS / columns.length)
      for (let at = start; at < end; at += per) {
        const to = Math.min(end, at + per)
        const params: unknown[] = []
        for (let i = at; i < to; i++) for (const c of from) params.push(journal[i]![c] ?? null)
        this.insertMany(table, columns, to - at).run(...params)
      }
      start = end
    }
  }

  /** Whether audit-only entries may skip the journal's trigger (read once per page's statements). */
  private auditDirect: boolean | undefined
}

/**
 * The statements prepared on each connection, kept with it for the next page: a page's multi-row INSERTs (~100 rows
 * of 23 columns) took ~8 ms to prepare, page after page (pull of 10,000 contracts, session 11). Keyed weakly by the
 * connection, so they go with it; SQLite prepares a statement again by itself when the schema changes under it.
 */
const preparedOn = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()

/**
 * Values in one multi-row INSERT of held rows: ~100 rows of a 23-column table. Far below SQLite's bound-parameter
 * limit (32,766); past ~100 rows a statement saves nothing measurable (pull of 10,000 contracts, issue 12).
 */
const HELD_PARAMS = 2400

/** The columns of a `write_journal` entry, as `Writer.auditEntry` makes it. */
const JOURNAL_COLUMNS = [
  'change_id',
  'op',
  'row_version',
  'data',
  'audit_id',
  'at',
  'actor_id',
  'actor_login',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
] as const

/** The images of one id in every one of `tables`, or null when one of them is not among them. */
function imagesOf(
  images: ReadonlyMap<string, ReadonlyMap<string, Row>>,
  tables: readonly string[],
  id: string,
): Map<string, Row> | null {
  const rows = new Map<string, Row>()
  for (const t of tables) {
    const row = images.get(t)?.get(id)
    if (!row) return null
    rows.set(t, row)
  }
  return rows
}

/** A row in SQLite's form: documents as JSON text. */
function toStored(table: string, row: object): Row {
  return toColumns(table, row as Row)
}

/** What the audit log keeps of a row: documents as objects, secrets redacted. */
function auditImage(table: string, row: Row, redact: readonly string[]): Row {
  return redactRow(toWire(table, row), redact)
}

/**
 * The table's lifecycle (core/db/syncedTables.ts) must have the move — the same table HQ judges the change by, so
 * a move HQ would reject never reaches the outbox. A change that keeps the status is a move too (an edit of a
 * draft); an append-only table takes no update at all.
 */
function assertMove(table: string, before: Row | null, after: Row): void {
  const lifecycle = syncedTable(table)?.lifecycle
  if (!lifecycle) return
  if (before && lifecycle.appendOnly) throw new AppError('CONFLICT', 'errors.appendOnly')
  const from = before ? String(before[lifecycle.statusField]) : null
  const to = String(after[lifecycle.statusField])
  if (!lifecycle.allows(from, to)) throw new AppError('CONFLICT', 'errors.badTransition', { from: from ?? '—', to })
}

function redactRow(row: Row, fields: readonly string[]): Row {
  if (!fields.length) return row
  const copy = { ...row }
  for (const f of fields) if (f in copy) copy[f] = '[redacted]'
  return copy
}

/**
 * One write. Given a transaction instead of the database, it runs as a savepoint inside it: a feature that
 * changes another feature's record as part of its own write (an approval returning the inspection) composes
 * that feature's write without reaching into its rows.
 */
export async function write<T>(
  db: Db | Knex.Transaction,
  actor: Actor,
  action: string,
  now: Date,
  fn: (w: Writer) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    const w = new Writer(trx, actor, action, now.toISOString())
    const result = await fn(w)
    await w.flush()
    return result
  })
}
