import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import type { PulledItem, PulledRecord, PullResponse } from '../../shared/sync/protocol'
import type { Db } from '../db/openDatabase'
import type { HqClient } from './hqClient'
import { hasPreviousDocument, LocalSchema, pulledRow, writeHqVersion } from './localRows'
import { SYNC_SETTINGS } from './syncSettings'
import { PreparedWrites, SYSTEM_ACTOR, Writer } from '../db/write'
import { installReference, type ReferenceTarget } from './referenceUpdates'
import { getState, setState } from './syncState'
import { resendableTransaction } from './resendableCommit'

export interface PullSummary {
  pages: number
  records: number
  references: number
  /** Pulled records waiting locally (parent not here yet, unknown table, refused by a local constraint). */
  waiting: number
}

interface DeferredRow {
  entity: string
  id: string
  row_version: number
  data: string
  reason: string
  seq: string
}

/**
 * Pulls everything the branch may see since the stored cursor, page by page. Each page is applied in one
 * transaction together with the new cursor, so a pull cut anywhere resumes from the last whole page. The next page
 * is already on its way while one is applied (HQ and the device work at once).
 *
 * A record is written as HQ holds it unless the device already has that version or newer (its own change coming
 * back), or has an unsent change of its own to it — then the push decides, and a loss comes back with the winner.
 */
export async function pullChanges(
  db: Db,
  client: HqClient,
  reference: ReferenceTarget | null,
  now: () => Date,
  opts: { pageSize?: number } = {},
): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
  const schema = new LocalSchema()
  const pageSize = opts.pageSize ?? SYNC_SETTINGS.pageSize
  let next = client.pull((await getState(db, 'cursor')) ?? '0', pageSize)
  for (;;) {
    const page = await next
    // The next page is fetched while this one is applied (its cursor is known already). If applying fails, the
    // fetched page is dropped: the stored cursor has not moved, the next run asks for it again.
    const ahead = page.more ? client.pull(page.cursor, pageSize) : null
    ahead?.catch(() => undefined)
    await applyPage(db, schema, page, reference, now, summary)
    summary.pages++
    if (!ahead) break
    next = ahead
  }
  summary.waiting = Number(((await db('sync_pull_deferred').count({ n: '*' }).first()) as { n: number }).n)
  return summary
}

/**
 * Applies one page and moves the cursor, in one transaction. First the fast way: the page's local rows, unsent
 * changes, waiting rows and parents read in a few queries, each record written with one prepared statement, the
 * audit filed once. If SQLite refuses a record (a trigger, a unique key clash) that transaction is rolled back
 * and the page is applied again record by record, each in a savepoint, so the refused one waits in
 * `sync_pull_deferred` and the rest go in — what every page did before issue 12. Both ways decide alike.
 */
export async function applyPage(
  db: Db,
  schema: LocalSchema,
  page: PullResponse,
  reference: ReferenceTarget | null,
  now: () => Date,
  summary: PullSummary,
): Promise<void> {
  const counted: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
  try {
    await resendableTransaction(db, async (trx) => {
      const at = now().toISOString()
      await applyPageAtOnce(trx, schema, page, reference, at, counted)
      await retryWaiting(trx, schema, at)
      await setState(trx, 'cursor', page.cursor)
    })
  } catch (e) {
    if (!(e instanceof RecordRefused)) throw e
    counted.records = 0
    counted.references = 0
    await resendableTransaction(db, async (trx) => {
      const at = now().toISOString()
      for (const item of page.items) {
        if (item.kind === 'reference') {
          if (await installPulledReference(trx, reference, item, at)) counted.references++
          continue
        }
        if (await applyRecord(trx, schema, item, at)) counted.records++
      }
      await retryWaiting(trx, schema, at)
      await setState(trx, 'cursor', page.cursor)
    })
  }
  summary.records += counted.records
  summary.references += counted.references
}

/** SQLite refused a record on the fast way: the page goes again record by record. */
class RecordRefused extends Error {}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`

async function applyPageAtOnce(
  trx: Knex.Transaction,
  schema: LocalSchema,
  page: PullResponse,
  reference: ReferenceTarget | null,
  at: string,
  counted: PullSummary,
): Promise<void> {
  const records = page.items.filter((i): i is PulledRecord => i.kind === 'record')
  const byEntity = new Map<string, string[]>()
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.id])
  // What the page's records meet locally, read for the whole page.
  const local = new Map<string, Record<string, unknown>>()
  const pending = new Set<string>()
  const waiting = new Set<string>()
  const ids = [...new Set(records.map((r) => r.id))]
  for (const [entity, entityIds] of byEntity) {
    if (!(await schema.columnsOf(trx, entity))) continue
    for (const chunk of chunks(entityIds)) {
      const rows = (await trx(entity).whereIn('id', chunk)) as Array<Record<string, unknown> & { id: string }>
      for (const row of rows) local.set(keyOf(entity, row.id), row)
    }
  }
  for (const chunk of chunks(ids)) {
    const unsent = (await trx('outbox')
      .whereNull('sent_at')
      .whereIn('entity_id', chunk)
      .distinct('entity', 'entity_id')) as Array<{ entity: string; entity_id: string }>
    for (const u of unsent) pending.add(keyOf(u.entity, u.entity_id))
    const deferred = (await trx('sync_pull_deferred').whereIn('id', chunk).select('entity', 'id')) as Array<{
      entity: string
      id: string
    }>
    for (const d of deferred) waiting.add(keyOf(d.entity, d.id))
  }
  // Parents present before the page or written by it, per table and key column.
  const parents = new Map<string, Set<unknown>>()
  for (const [entity] of byEntity) {
    for (const fk of await schema.foreignKeysOf(trx, entity)) {
      const k = `${fk.table}\u0000${fk.to}`
      if (parents.has(k)) continue
      const values = [
        ...new Set(
          records.filter((r) => r.entity === entity).map((r) => r.data[fk.from] ?? (fk.from === 'id' ? r.id : null)),
        ),
      ].filter((v) => v !== null && v !== undefined)
      const found = new Set<unknown>()
      for (const chunk of chunks(values)) {
        const rows = (await trx(fk.table).whereIn(fk.to, chunk).select(fk.to)) as Array<Record<string, unknown>>
        for (const row of rows) found.add(row[fk.to])
      }
      parents.set(k, found)
    }
  }

  const statements = await PreparedWrites.of(trx)
  const w = new Writer(trx, SYSTEM_ACTOR, 'sync.hq-version', at)
  // New rows wait for multi-row INSERTs (PreparedWrites.hold): they go in before any statement of this page that is
  // not the Writer's, and a row SQLite refuses there sends the page the record-by-record way like any other.
  const flushHeld = () => {
    try {
      statements.flushHeld()
    } catch (e) {
      throw new RecordRefused(e instanceof Error ? e.message : String(e))
    }
  }
  for (const item of page.items) {
    if (item.kind === 'reference') {
      if (await installPulledReference(trx, reference, item, at)) counted.references++
      continue
    }
    const k = keyOf(item.entity, item.id)
    const columns = await schema.columnsOf(trx, item.entity)
    const before = local.get(k)
    // Anything but a plain write takes the record-by-record way, in this same transaction.
    const slow =
      !columns ||
      (before && Number(before.row_version) >= item.rowVersion) ||
      pending.has(k) ||
      hasPreviousDocument(item.entity, item.data)
    if (slow) {
      flushHeld()
      // Written beside `w` (a savepoint and a Writer of its own): derived columns read such rows back.
      w.forgetImages()
      if (await applyRecord(trx, schema, item, at)) counted.records++
      continue
    }
    const { values, image, documentTexts } = pulledRow(
      columns,
      schema.affinitiesOf(item.entity),
      item.entity,
      { ...item.data, id: item.id, row_version: item.rowVersion },
      // A new row: the columns a record lacks get what SQLite would put there, so its audit needs no read-back.
      before ? undefined : schema.defaultsOf(item.entity),
    )
    let missingParent = false
    for (const fk of await schema.foreignKeysOf(trx, item.entity)) {
      const value = values[fk.from]
      if (value === null || value === undefined) continue
      if (fk.table === item.entity && value === values.id) continue
      if (!parents.get(`${fk.table}\u0000${fk.to}`)?.has(value)) missingParent = true
    }
    if (missingParent) {
      flushHeld()
      w.forgetImages()
      if (await applyRecord(trx, schema, item, at)) counted.records++
      continue
    }
    try {
      local.set(
        k,
        w.applyHqVersionPrepared(
          statements,
          item.entity,
          { ...values, id: item.id },
          before,
          image ?? undefined,
          documentTexts,
        ),
      )
    } catch (e) {
      throw new RecordRefused(e instanceof Error ? e.message : String(e))
    }
    // Later records of the page may have this one as their parent.
    for (const [pk, found] of parents) {
      const [table, column] = pk.split('\u0000') as [string, string]
      if (table === item.entity) found.add(values[column])
    }
    if (waiting.has(k)) await trx('sync_pull_deferred').where({ entity: item.entity, id: item.id }).delete()
    counted.records++
  }
  flushHeld()
  await w.flush()
}

function chunks<T>(xs: readonly T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

async function applyRecord(
  trx: Knex.Transaction,
  schema: LocalSchema,
  item: PulledRecord,
  at: string,
): Promise<boolean> {
  const columns = await schema.columnsOf(trx, item.entity)
  if (columns) {
    const local = (await trx(item.entity).where({ id: item.id }).first('row_version')) as
      { row_version: number } | undefined
    if (local && local.row_version >= item.rowVersion) {
      await trx('sync_pull_deferred')
        .where({ entity: item.entity, id: item.id })
        .andWhere('row_version', '<=', item.rowVersion)
        .delete()
      return false
    }
    const pending = await trx('outbox')
      .whereNull('sent_at')
      .where({ entity: item.entity, entity_id: item.id })
      .first('seq')
    if (pending) return false
  }
  const outcome = await writeHqVersion(
    trx,
    schema,
    item.entity,
    { ...item.data, id: item.id, row_version: item.rowVersion },
    at,
  )
  if (outcome.applied) {
    await trx('sync_pull_deferred').where({ entity: item.entity, id: item.id }).delete()
    return true
  }
  await trx('sync_pull_deferred')
    .insert({
      entity: item.entity,
      id: item.id,
      row_version: item.rowVersion,
      data: JSON.stringify(item.data),
      reason: outcome.reason,
      seq: item.seq,
      received_at: at,
    })
    .onConflict(['entity', 'id'])
    .merge()
  return false
}

/** Records that waited for a parent get another chance once a page brought more rows; repeat while it helps. */
async function retryWaiting(trx: Knex.Transaction, schema: LocalSchema, at: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const waiting = (await trx('sync_pull_deferred').orderBy('seq').limit(5000)) as DeferredRow[]
    let progress = false
    for (const w of waiting) {
      if (w.reason === 'unknown-entity' && !(await schema.columnsOf(trx, w.entity))) continue
      const item: PulledRecord = {
        kind: 'record',
        seq: w.seq,
        entity: w.entity,
        id: w.id,
        rowVersion: w.row_version,
        data: JSON.parse(w.data) as Record<string, unknown>,
      }
      const before = await trx('sync_pull_deferred').where({ entity: w.entity, id: w.id }).first('reason')
      await applyRecord(trx, schema, item, at)
      const after = await trx('sync_pull_deferred').where({ entity: w.entity, id: w.id }).first('reason')
      if (before && !after) progress = true
    }
    if (!progress) return
  }
}

async function installPulledReference(
  trx: Knex.Transaction,
  target: ReferenceTarget | null,
  item: Extract<PulledItem, { kind: 'reference' }>,
  at: string,
): Promise<boolean> {
  if (!target) return false
  try {
    return installReference(target, item.referenceKind, item.version, item.content).installed
  } catch (e) {
    // Kept and shown: HQ sent a file this app cannot use; the app goes on with what it has.
    const changeId = `reference:${item.referenceKind}:${item.version}`
    const known = await trx('sync_issue').where({ change_id: changeId }).first('id')
    if (!known) {
      await trx('sync_issue').insert({
        id: uuidv7(),
        change_id: changeId,
        kind: 'reference',
        entity: item.referenceKind,
        entity_id: item.version,
        reason_code: 'reference-invalid',
        reason_params: JSON.stringify({ message: (e instanceof Error ? e.message : String(e)).slice(0, 500) }),
        recorded_at: at,
      })
    }
    return false
  }
}
