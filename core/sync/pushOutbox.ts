import type { Knex } from 'knex'
import { uuidv7 } from 'uuidv7'
import { PUSH_REQUEST_MAX_BYTES, type Change, type ChangeResult, type PushResponse } from '../../shared/sync/protocol'
import type { Db } from '../db/openDatabase'
import type { HqClient } from './hqClient'
import { LocalSchema, writeHqVersion } from './localRows'
import { SYNC_SETTINGS } from './syncSettings'
import { resendableTransaction } from './resendableCommit'

export interface OutboxRow {
  seq: number
  change_id: string
  entity: string
  entity_id: string
  op: 'insert' | 'update' | 'delete'
  row_version: number
  data: string
  changed_at: string
  changed_by: string | null
}

export interface PushSummary {
  sent: number
  accepted: number
  rejected: number
  conflicts: number
  deferred: number
  /** Local changes that followed a lost one to the same record and were therefore not sent. */
  superseded: number
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`

interface Batch {
  rows: OutboxRow[]
  answer: Promise<PushResponse>
  failed: boolean
}

function toChange(row: OutboxRow): Change {
  return {
    changeId: row.change_id,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    rowVersion: row.row_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  }
}

/** A change as `toChange` gives it, serialised with its data spliced in as the outbox stores it (JSON text). */
function changeJson(row: OutboxRow): string {
  const head = JSON.stringify({
    changeId: row.change_id,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    rowVersion: row.row_version,
    changedAt: row.changed_at,
    changedBy: row.changed_by,
  })
  return `${head.slice(0, -1)},"data":${row.data}}`
}

/**
 * Ships every pending outbox row once per run, oldest first, in batches. The outbox row is marked only after
 * HQ's answer is in, in one local transaction with what follows from it; if the answer is lost (HQ killed, the
 * connection cut) the same change ids go again and HQ answers from its log — nothing is applied twice.
 * A deferred change stays pending, and later changes to its record are held back with it.
 *
 * Pipelined (HQ protocol 2, issue 12): the next batch is read and sent while HQ applies the previous one — at
 * most one ahead. Each batch carries its place in the run and HQ applies them in that order (hq/pushOrder.ts).
 * A batch never holds a record the batch in flight holds: HQ's answer to the earlier change (deferred, lost)
 * decides what happens to the later one, so the batch is cut before it and the record waits for the answer.
 * The first failure stops the pipeline: answers are recorded only up to the batch before it, so batches from the
 * failed one on stay unsent and go again, in order, on the next run.
 */
export async function pushOutbox(
  db: Db,
  client: HqClient,
  now: () => Date,
  opts: {
    batchSize?: number
    pipeline?: boolean
    onProgress?: (s: PushSummary) => void
    /** Largest push body (tests pass small ones); HQ takes at least PUSH_REQUEST_MAX_BYTES. */
    maxRequestBytes?: number
  } = {},
): Promise<PushSummary> {
  const batchSize = opts.batchSize ?? SYNC_SETTINGS.batchSize
  const maxRequestBytes = opts.maxRequestBytes ?? PUSH_REQUEST_MAX_BYTES
  const summary = emptyPushSummary()
  const heldBack = new Set<string>() // records with a deferred change in this run
  const run = uuidv7()
  let index = 0
  let afterSeq = 0
  let inFlight: Batch | null = null
  for (;;) {
    let sending: Batch | null = null
    // Without a pipeline the batch in flight is settled before the next is read; with one, a batch that has
    // already failed is not followed by another.
    if (inFlight && (!opts.pipeline || inFlight.failed)) await settle(inFlight)
    const busy = inFlight && opts.pipeline ? new Set(inFlight.rows.map((r) => keyOf(r.entity, r.entity_id))) : null
    for (;;) {
      const candidates = (await db('outbox')
        .whereNull('sent_at')
        .andWhere('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(batchSize)) as OutboxRow[]
      if (candidates.length === 0) break
      let upTo = candidates.length
      if (busy) {
        const clash = candidates.findIndex((r) => busy.has(keyOf(r.entity, r.entity_id)))
        if (clash >= 0) upTo = clash
      }
      if (upTo === 0) break // its first change waits for the answer in flight
      const fit = fitRequest(candidates.slice(0, upTo), heldBack, maxRequestBytes)
      afterSeq = candidates[fit.count - 1]!.seq
      if (fit.tooLarge) {
        await recordAnswers(db, [fit.tooLarge.row], [fit.tooLarge.result], now(), summary, heldBack)
        continue
      }
      const { rows, changes } = fit
      if (rows.length === 0) continue
      const batch: Batch = {
        rows,
        answer: client.pushSerialised(changes, opts.pipeline ? { run, index: index++ } : undefined),
        failed: false,
      }
      // Settled below, or dropped after an earlier batch failed: never an unhandled rejection.
      batch.answer.catch(() => {
        batch.failed = true
      })
      sending = batch
      break
    }
    // A failure here leaves `sending` unrecorded: whatever HQ does with it, it goes again, in order, next run.
    if (inFlight && opts.pipeline) await settle(inFlight)
    if (!sending) {
      if (!inFlight || !opts.pipeline) break
      inFlight = null
      continue // the batch in flight held a record back, or it was the last: read again now its answer is in
    }
    inFlight = sending
  }
  return summary

  async function settle(batch: Batch): Promise<void> {
    const response = await batch.answer
    await recordAnswers(db, batch.rows, response.results, now(), summary, heldBack)
    summary.sent += batch.rows.length
    opts.onProgress?.({ ...summary })
  }
}

/** Room for `{"changes":[…],"place":{…}}` around the changes of a push body. */
const PUSH_ENVELOPE_BYTES = 256

/**
 * Issue 13: the changes (of `candidates`, skipping held-back records) that fit one push body of `limit` bytes, and
 * how many candidates that covers. A change that fits no body at all is not sent: HQ could never take it (its
 * per-record limit is below the request limit), so it is answered here as HQ would — rejected, with its size —
 * and kept as an issue; the outbox goes on past it.
 */
function fitRequest(
  candidates: readonly OutboxRow[],
  heldBack: ReadonlySet<string>,
  limit: number,
): {
  count: number
  rows: OutboxRow[]
  changes: string[]
  tooLarge: { row: OutboxRow; result: ChangeResult } | null
} {
  const rows: OutboxRow[] = []
  const changes: string[] = []
  let bytes = PUSH_ENVELOPE_BYTES
  // A UTF-16 code unit is at most 3 bytes of UTF-8: while three bytes a unit still fits, a change surely fits and its
  // exact size is not needed (counting a batch's 0.6 MB of UTF-8 took ~5 % of the device's push time). `exact` says
  // whether `bytes` is exact; at the first change the bound cannot settle, the sizes so far are counted exactly.
  let exact = true
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!
    if (heldBack.has(keyOf(row.entity, row.entity_id))) continue
    const json = changeJson(row)
    const bound = json.length * 3 + 1
    if (bytes + bound <= limit) {
      bytes += bound
      exact = false
      rows.push(row)
      changes.push(json)
      continue
    }
    if (!exact) {
      bytes = PUSH_ENVELOPE_BYTES
      for (const c of changes) bytes += Buffer.byteLength(c) + 1
      exact = true
    }
    const size = Buffer.byteLength(json) + 1
    if (PUSH_ENVELOPE_BYTES + size > limit) {
      if (rows.length > 0) return { count: i, rows, changes, tooLarge: null }
      const reason = { code: 'record-too-large', params: { size: size - 1, limit } }
      return {
        count: i + 1,
        rows,
        changes,
        tooLarge: { row, result: { changeId: row.change_id, status: 'rejected', reason, current: null } },
      }
    }
    if (bytes + size > limit) return { count: i, rows, changes, tooLarge: null }
    bytes += size
    rows.push(row)
    changes.push(json)
  }
  return { count: candidates.length, rows, changes, tooLarge: null }
}

export const emptyPushSummary = (): PushSummary => ({
  sent: 0,
  accepted: 0,
  rejected: 0,
  conflicts: 0,
  deferred: 0,
  superseded: 0,
})

/** Pending outbox rows, oldest first (for offline bundles). */
export async function pendingOutbox(db: Db): Promise<OutboxRow[]> {
  return (await db('outbox').whereNull('sent_at').orderBy('seq')) as OutboxRow[]
}

export { toChange }

/**
 * Records HQ's answers to sent outbox rows, in one local transaction (online push and offline answer bundles
 * alike). A change HQ did not accept is kept in `sync_issue` with what won, and HQ's version of the record
 * replaces the local one; later local changes to that record were made on top of the loser, so they are kept
 * as issues too (`superseded`) instead of being sent. A deferred change stays pending.
 */
export async function recordAnswers(
  db: Db,
  rows: readonly OutboxRow[],
  results: readonly ChangeResult[],
  nowDate: Date,
  summary: PushSummary,
  heldBack: Set<string> = new Set(),
): Promise<void> {
  const schema = new LocalSchema()
  const byId = new Map(results.map((r) => [r.changeId, r]))
  const at = nowDate.toISOString()
  // Without waiting for the disk: an answer a power cut takes back is asked again (core/sync/resendableCommit.ts).
  await resendableTransaction(db, async (trx) => {
    // Already settled: an answer bundle imported after an online push, or superseded earlier in this run.
    const settled = new Set<number>()
    for (let i = 0; i < rows.length; i += 500) {
      const found = (await trx('outbox')
        .whereIn(
          'seq',
          rows.slice(i, i + 500).map((r) => r.seq),
        )
        .whereNotNull('sent_at')
        .select('seq')) as Array<{ seq: number }>
      for (const f of found) settled.add(f.seq)
    }
    const accepted: number[] = []
    for (const row of rows) {
      const result = byId.get(row.change_id)
      if (!result || settled.has(row.seq)) continue // not answered: stays pending, goes again next run
      if (result.status === 'accepted') accepted.push(row.seq)
      else await record(trx, row, result)
    }
    summary.accepted += accepted.length
    for (let i = 0; i < accepted.length; i += 500) {
      await trx('outbox')
        .whereIn('seq', accepted.slice(i, i + 500))
        .update({ sent_at: at, outcome: 'accepted', deferred_reason: null, attempts: trx.raw('attempts + 1') })
    }
  })

  async function record(
    trx: Knex.Transaction,
    row: OutboxRow,
    result: Exclude<ChangeResult, { status: 'accepted' }>,
  ): Promise<void> {
    // Superseded by an earlier loss in this same answer.
    if (await trx('outbox').where({ seq: row.seq }).whereNotNull('sent_at').first('seq')) return
    if (result.status === 'deferred') {
      summary.deferred++
      heldBack.add(keyOf(row.entity, row.entity_id))
      await trx('outbox')
        .where({ seq: row.seq })
        .update({ deferred_reason: JSON.stringify(result.reason), attempts: trx.raw('attempts + 1') })
      return
    }
    if (result.status === 'rejected') summary.rejected++
    else summary.conflicts++
    await trx('outbox')
      .where({ seq: row.seq })
      .update({ sent_at: at, outcome: result.status, deferred_reason: null, attempts: trx.raw('attempts + 1') })
    let winnerNote: string | null = null
    if (result.current) {
      const applied = await writeHqVersion(
        trx,
        schema,
        row.entity,
        { ...result.current.data, id: row.entity_id, row_version: result.current.rowVersion },
        at,
      )
      if (!applied.applied) winnerNote = applied.reason
    }
    await trx('sync_issue').insert({
      id: uuidv7(),
      change_id: row.change_id,
      kind: result.status,
      entity: row.entity,
      entity_id: row.entity_id,
      reason_code: result.reason.code,
      reason_params: JSON.stringify(
        winnerNote ? { ...result.reason.params, localApply: winnerNote } : result.reason.params,
      ),
      local_data: row.data,
      local_version: row.row_version,
      winner_data: result.current ? JSON.stringify(result.current.data) : null,
      winner_version: result.current?.rowVersion ?? null,
      changed_at: row.changed_at,
      changed_by: row.changed_by,
      recorded_at: at,
    })
    // Later local changes to this record were made on top of the one that lost.
    const later = (await trx('outbox')
      .whereNull('sent_at')
      .where({ entity: row.entity, entity_id: row.entity_id })
      .andWhere('seq', '>', row.seq)
      .orderBy('seq')) as OutboxRow[]
    for (const next of later) {
      summary.superseded++
      await trx('outbox').where({ seq: next.seq }).update({ sent_at: at, outcome: 'superseded' })
      await trx('sync_issue').insert({
        id: uuidv7(),
        change_id: next.change_id,
        kind: 'conflict',
        entity: next.entity,
        entity_id: next.entity_id,
        reason_code: 'follows-lost-change',
        reason_params: '{}',
        local_data: next.data,
        local_version: next.row_version,
        winner_data: result.current ? JSON.stringify(result.current.data) : null,
        winner_version: result.current?.rowVersion ?? null,
        changed_at: next.changed_at,
        changed_by: next.changed_by,
        recorded_at: at,
      })
    }
  }
}
