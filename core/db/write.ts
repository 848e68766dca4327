import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import { AppError } from '../app/appError'
import type { Db } from './openDatabase'
import { syncedTable } from './syncedTables'

export interface Actor {
  userId: string | null
  login: string | null
}

export const SYSTEM_ACTOR: Actor = { userId: null, login: 'system' }

type Row = Record<string, unknown>

/**
 * The only way anything changes synced data. One `write()` = one SQLite transaction holding the rows, their
 * outbox entries (what HQ will receive) and their audit entries (who, when, what, before/after). If any part
 * fails, or the process dies, none of it is there. No code outside this file inserts, updates or deletes a
 * synced table (scripts/writerOnly.test.ts): a write beside the Writer would leave HQ unaware of it and give the
 * next audit entry a false before-state.
 */
export class Writer {
  constructor(
    readonly trx: Knex.Transaction,
    readonly actor: Actor,
    readonly action: string,
    readonly now: string,
  ) {}

  async insert<T extends Row>(table: string, values: T): Promise<T & { id: string; row_version: number }> {
    this.requireSynced(table)
    const row = {
      id: uuidv7(),
      created_at: this.now,
      updated_at: this.now,
      row_version: 1,
      ...values,
    } as T & { id: string; row_version: number }
    await this.trx(table).insert(row)
    await this.record(table, 'insert', row.id, row.row_version, null, row)
    return row
  }

  /**
   * Updates one row. With `expectedVersion` the write is refused (CONFLICT) when somebody changed the row since
   * the caller read it, so a stale form never overwrites newer data.
   */
  async update<T extends Row>(table: string, id: string, patch: Partial<T>, expectedVersion?: number): Promise<T> {
    this.requireSynced(table)
    const before = (await this.trx(table).where({ id }).first()) as (T & { row_version: number }) | undefined
    if (!before) throw new AppError('NOT_FOUND', 'errors.notFound')
    if (expectedVersion !== undefined && before.row_version !== expectedVersion) {
      throw new AppError('CONFLICT', 'errors.staleRecord')
    }
    const after = { ...before, ...patch, updated_at: this.now, row_version: before.row_version + 1 }
    await this.trx(table)
      .where({ id })
      .update({ ...patch, updated_at: after.updated_at, row_version: after.row_version })
    await this.record(table, 'update', id, after.row_version, before, after)
    return after
  }

  /**
   * Claims one row for this transaction without changing it: a no-op UPDATE of the row `target` names (its id,
   * or a subquery that picks it) among those `filter` lets through. The statement takes SQLite's write lock, so
   * no other connection — in this process or another on the same file — can change or claim the row until the
   * transaction ends; the caller then changes it with `update`, which records it. Returns the id, or null when
   * no row qualified. Records nothing: nothing has changed yet.
   */
  async claim(
    table: string,
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
   * `values` carries the id and HQ's row_version.
   */
  async applyHqVersion(table: string, values: Row & { id: string }): Promise<void> {
    this.requireSynced(table)
    const before = (await this.trx(table).where({ id: values.id }).first()) as Row | undefined
    if (before) await this.trx(table).where({ id: values.id }).update(values)
    else await this.trx(table).insert(values)
    const after = (await this.trx(table).where({ id: values.id }).first()) as Row
    const redact = syncedTable(table)?.redactInAudit ?? []
    await this.audit(this.action, table, values.id, before ? redactRow(before, redact) : null, redactRow(after, redact))
  }

  /** An audit entry for an event that changes no synced row (sign-in, a failed attempt, a print). */
  async audit(
    action: string,
    entity: string | null,
    entityId: string | null,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.trx('audit_log').insert({
      id: uuidv7(),
      at: this.now,
      actor_id: this.actor.userId,
      actor_login: this.actor.login,
      action,
      entity,
      entity_id: entityId,
      before: before == null ? null : JSON.stringify(before),
      after: after == null ? null : JSON.stringify(after),
    })
  }

  private async record(
    table: string,
    op: 'insert' | 'update',
    id: string,
    version: number,
    before: Row | null,
    after: Row,
  ): Promise<void> {
    await this.trx('outbox').insert({
      change_id: uuidv7(),
      entity: table,
      entity_id: id,
      op,
      row_version: version,
      data: JSON.stringify(after),
      changed_at: this.now,
      changed_by: this.actor.userId,
    })
    const redact = syncedTable(table)?.redactInAudit ?? []
    await this.audit(this.action, table, id, before && redactRow(before, redact), redactRow(after, redact))
  }

  private requireSynced(table: string): void {
    if (!syncedTable(table)) throw new Error(`Table ${table} is not registered as synced`)
  }
}

function redactRow(row: Row, fields: readonly string[]): Row {
  if (!fields.length) return row
  const copy = { ...row }
  for (const f of fields) if (f in copy) copy[f] = '[redacted]'
  return copy
}

export async function write<T>(
  db: Db,
  actor: Actor,
  action: string,
  now: Date,
  fn: (w: Writer) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => fn(new Writer(trx, actor, action, now.toISOString())))
}
