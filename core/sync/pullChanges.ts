import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import type { PulledItem, PulledRecord, PullResponse } from '../../shared/sync/protocol'
import type { Db } from '../db/openDatabase'
import type { HqClient } from './hqClient'
import { LocalSchema, writeHqVersion } from './localRows'
import { installReference, type ReferenceTarget } from './referenceUpdates'
import { getState, setState } from './syncState'

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
 * transaction together with the new cursor, so a pull cut anywhere resumes from the last whole page.
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
  for (;;) {
    const cursor = (await getState(db, 'cursor')) ?? '0'
    const page = await client.pull(cursor, opts.pageSize ?? 500)
    await applyPage(db, schema, page, reference, now, summary)
    summary.pages++
    if (!page.more) break
  }
  summary.waiting = Number(((await db('sync_pull_deferred').count({ n: '*' }).first()) as { n: number }).n)
  return summary
}

export async function applyPage(
  db: Db,
  schema: LocalSchema,
  page: PullResponse,
  reference: ReferenceTarget | null,
  now: () => Date,
  summary: PullSummary,
): Promise<void> {
  await db.transaction(async (trx) => {
    const at = now().toISOString()
    for (const item of page.items) {
      if (item.kind === 'reference') {
        if (await installPulledReference(trx, reference, item, at)) summary.references++
        continue
      }
      if (await applyRecord(trx, schema, item, at)) summary.records++
    }
    await retryWaiting(trx, schema, at)
    await setState(trx, 'cursor', page.cursor)
  })
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
