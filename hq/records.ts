import type { Knex } from 'knex'
import { allocateBranchSeq } from './sequence'
import { toWire } from '../shared/sync/documentColumns'

export type RecordData = Record<string, unknown>

/** A branch record as HQ holds it: the latest accepted after-image of one row of a synced table. */
export interface HqRecord {
  entity: string
  id: string
  branchCode: string
  rowVersion: number
  data: RecordData
  naturalKey: string | null
}

interface RecordRow {
  entity: string
  id: string
  branch_code: string
  row_version: number
  data: string
  natural_key: string | null
}

export function toRecord(row: RecordRow): HqRecord {
  return {
    entity: row.entity,
    id: row.id,
    branchCode: row.branch_code,
    rowVersion: Number(row.row_version),
    // Records stored before issue 11 may hold documents as JSON text: read as objects, like every change now.
    data: toWire(row.entity, JSON.parse(row.data) as RecordData),
    naturalKey: row.natural_key,
  }
}

export async function getRecord(db: Knex | Knex.Transaction, entity: string, id: string): Promise<HqRecord | null> {
  const row = (await db('hq_record').where({ entity, id }).first()) as RecordRow | undefined
  return row ? toRecord(row) : null
}

export async function getRecords(
  db: Knex | Knex.Transaction,
  entity: string,
  ids: readonly string[],
): Promise<Map<string, HqRecord>> {
  const out = new Map<string, HqRecord>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db('hq_record')
      .where({ entity })
      .whereIn('id', ids.slice(i, i + 500))) as RecordRow[]
    for (const r of rows) out.set(r.id, toRecord(r))
  }
  return out
}

/**
 * getRecordsOf on PostgreSQL: a lateral lookup per pair, which is one probe of the primary key per id whatever the
 * planner guesses (`limit 1` keeps the subquery from being flattened into a join). As a join PostgreSQL hashed the
 * whole table once it held a few thousand records (its guess for an array is a few hundred rows): a push batch's
 * read grew with everything HQ holds, 9–12 ms a batch at 20,000 records, inside the branch's lock (bench:sync).
 */
export const RECORDS_OF_PG = `select r.entity, r.id, r.branch_code, r.row_version, r.data, r.natural_key
  from unnest(?::text[], ?::text[]) as x(entity, id)
  cross join lateral (select * from hq_record h where h.entity = x.entity and h.id = x.id limit 1) r`

/**
 * Records of several entities by entity and id, in one statement on PostgreSQL (the pairs as two array
 * parameters, joined to the primary key) and one query per entity on SQLite. Keyed by `entity` + U+0000 + `id`;
 * records HQ does not hold are absent. A push batch reads its records with it (hq/push.ts): a batch of policies and
 * their documents was two statements of 500 bound values each.
 */
export async function getRecordsOf(
  db: Knex | Knex.Transaction,
  wanted: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, HqRecord>> {
  const out = new Map<string, HqRecord>()
  if (db.client.config.client !== 'pg') {
    for (const [entity, ids] of wanted)
      for (const [id, rec] of await getRecords(db, entity, ids)) out.set(`${entity}\u0000${id}`, rec)
    return out
  }
  const entities: string[] = []
  const ids: string[] = []
  for (const [entity, list] of wanted) {
    for (const id of list) {
      entities.push(entity)
      ids.push(id)
    }
  }
  if (ids.length === 0) return out
  const { rows } = (await db.raw(RECORDS_OF_PG, [entities, ids])) as { rows: RecordRow[] }
  for (const r of rows) out.set(`${r.entity}\u0000${r.id}`, toRecord(r))
  return out
}

export async function getRecordByKey(
  db: Knex | Knex.Transaction,
  entity: string,
  naturalKey: string,
): Promise<HqRecord | null> {
  const row = (await db('hq_record').where({ entity, natural_key: naturalKey }).first()) as RecordRow | undefined
  return row ? toRecord(row) : null
}

export interface RecordWrite extends HqRecord {
  isNew: boolean
  deviceId: string | null
  /**
   * false when the caller knows an update keeps the record's natural key: such updates may go in one statement.
   * Updates that take or release a key are written one by one in the given order, before the inserts, so a key
   * released earlier in the batch is free when the record taking it is written (unique index hq_record_natural_key_uq
   * is checked row by row).
   */
  keyChanged?: boolean
  /**
   * `data` as JSON text, when the caller has serialised it already (hq/push.ts measures each record's size on it):
   * a batch's records are then serialised once, not twice.
   */
  json?: string
}

/**
 * Natural keys held at HQ, in one query per entity: entity+key → record id (keys nobody holds are absent).
 * `hq/push.ts` reads the keys of a whole batch with it instead of one query per change.
 */
export async function getKeyHolders(
  db: Knex | Knex.Transaction,
  entity: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (keys.length === 0) return out
  if (db.client.config.client === 'pg') {
    // One probe of the key's unique index per key, as RECORDS_OF_PG: `natural_key in (…)` may be planned as a scan.
    const { rows } = (await db.raw(
      `select r.id, r.natural_key from unnest(?::text[]) as x(key)
         cross join lateral (select id, natural_key from hq_record h where h.entity = ? and h.natural_key = x.key
           limit 1) r`,
      [keys as string[], entity],
    )) as { rows: Array<{ id: string; natural_key: string }> }
    for (const r of rows) out.set(r.natural_key, r.id)
    return out
  }
  for (let i = 0; i < keys.length; i += 500) {
    const rows = (await db('hq_record')
      .where({ entity })
      .whereIn('natural_key', keys.slice(i, i + 500))
      .select('id', 'natural_key')) as Array<{ id: string; natural_key: string }>
    for (const r of rows) out.set(r.natural_key, r.id)
  }
  return out
}

/**
 * Writes accepted records with fresh positions in their branch's sequence, in the given order (which is the order
 * that branch's pulls see). Branches are taken in code order, so two writers of several branches cannot deadlock.
 *
 * On PostgreSQL a batch costs one statement for its inserts and one for its key-keeping updates, whatever its size:
 * the rows' small columns travel as one JSON array parameter and their bodies as one text (RECORDS_FROM), each body
 * the JSON text it is stored as, so it is serialised once and never escaped a second time. Per-row statements made a batch's time grow with its updates, holding the branch row and a
 * pooled connection all the while (bench:hq).
 */
export async function writeRecords(trx: Knex.Transaction, writes: readonly RecordWrite[], now: string): Promise<void> {
  if (writes.length === 0) return
  const perBranch = new Map<string, number>()
  for (const w of writes) perBranch.set(w.branchCode, (perBranch.get(w.branchCode) ?? 0) + 1)
  const next = new Map<string, number>()
  for (const code of [...perBranch.keys()].sort())
    next.set(code, await allocateBranchSeq(trx, code, perBranch.get(code)!))
  const rows = writes.map((w) => {
    const seq = next.get(w.branchCode)!
    next.set(w.branchCode, seq + 1)
    return { w, seq, data: storedJson(w.data, w.json) }
  })
  const pg = trx.client.config.client === 'pg'
  const keyMoves = rows.filter((r) => !r.w.isNew && (!pg || r.w.keyChanged !== false))
  for (const { w, seq, data } of keyMoves) {
    await trx('hq_record').where({ entity: w.entity, id: w.id }).update({
      branch_code: w.branchCode,
      row_version: w.rowVersion,
      data,
      natural_key: w.naturalKey,
      seq,
      updated_at: now,
      updated_by_device: w.deviceId,
    })
  }
  if (pg) {
    const updates = rows.filter((r) => !r.w.isNew && r.w.keyChanged === false)
    if (updates.length > 0) {
      await trx.raw(
        `update hq_record r set branch_code = x.branch_code, row_version = x.row_version, data = d.data,
           natural_key = x.natural_key, seq = x.seq, updated_at = ?, updated_by_device = x.updated_by_device
         ${RECORDS_FROM}
         where r.entity = x.entity and r.id = x.id`,
        [now, ...recordsetParams(updates)],
      )
    }
    const inserts = rows.filter((r) => r.w.isNew)
    if (inserts.length > 0) {
      await trx.raw(
        `insert into hq_record (entity, id, branch_code, row_version, data, natural_key, seq, created_at, updated_at,
           updated_by_device)
         select x.entity, x.id, x.branch_code, x.row_version, d.data, x.natural_key, x.seq, ?, ?, x.updated_by_device
         ${RECORDS_FROM}`,
        [now, now, ...recordsetParams(inserts)],
      )
    }
    return
  }
  // SQLite (one process, no round trips): multi-row inserts of 500 rows (10 values a row; SQLite allows at most
  // 32766 bound values per statement).
  const inserts = rows
    .filter((r) => r.w.isNew)
    .map(({ w, seq, data }) => ({
      entity: w.entity,
      id: w.id,
      branch_code: w.branchCode,
      row_version: w.rowVersion,
      data,
      natural_key: w.naturalKey,
      seq,
      created_at: now,
      updated_at: now,
      updated_by_device: w.deviceId,
    }))
  for (let i = 0; i < inserts.length; i += 500) await trx('hq_record').insert(inserts.slice(i, i + 500))
}

/**
 * Everything a push batch writes, for one branch: its records (fresh positions in the branch's sequence, in the given
 * order), its log rows (hq_change) and the device's last-seen time. On PostgreSQL, when no update moves a natural key,
 * that is one statement (data-modifying CTEs) instead of five: each statement is a round trip through HQ's one event
 * loop and the loopback socket while the branch row stays locked, and bench:hq found PostgreSQL's sessions idle in
 * transaction, waiting for HQ, 90 % of the time. Otherwise (SQLite, a key moved) the same writes go one by one.
 */
export async function writePushBatch(
  trx: Knex.Transaction,
  batch: {
    branchCode: string
    deviceId: string
    writes: readonly RecordWrite[]
    changes: ReadonlyArray<Record<string, unknown>>
    now: string
  },
): Promise<void> {
  const { branchCode, deviceId, writes, changes, now } = batch
  const oneStatement =
    trx.client.config.client === 'pg' &&
    writes.every((w) => w.branchCode === branchCode && (w.isNew || w.keyChanged === false))
  if (!oneStatement) {
    await writeRecords(trx, writes, now)
    await insertChanges(trx, changes)
    const devices = await trx('hq_device').where({ id: deviceId }).update({ last_seen_at: now })
    if (devices !== 1) throw new Error(`no device ${deviceId}`)
    return
  }
  const rows = writes.map((w, i) => ({ w, seq: i + 1, data: storedJson(w.data, w.json) }))
  const updates = rows.filter((r) => !r.w.isNew)
  const inserts = rows.filter((r) => r.w.isNew)
  const ctes: string[] = []
  const bindings: Knex.Value[] = []
  if (rows.length > 0) {
    // `seq` in the rows is the position within the batch; the branch's counter turns it into the sequence's.
    ctes.push(`alloc as (update hq_branch set seq = seq + ?::bigint where code = ? returning seq - ?::bigint as base)`)
    bindings.push(rows.length, branchCode, rows.length)
  }
  if (updates.length > 0) {
    ctes.push(`upd as (update hq_record r set branch_code = x.branch_code, row_version = x.row_version,
        data = d.data, natural_key = x.natural_key, seq = (select base from alloc) + x.seq, updated_at = ?,
        updated_by_device = x.updated_by_device
      ${RECORDS_FROM}
      where r.entity = x.entity and r.id = x.id returning 1)`)
    bindings.push(now, ...recordsetParams(updates))
  }
  if (inserts.length > 0) {
    ctes.push(`ins as (insert into hq_record (entity, id, branch_code, row_version, data, natural_key, seq, created_at,
        updated_at, updated_by_device)
      select x.entity, x.id, x.branch_code, x.row_version, d.data, x.natural_key, (select base from alloc) + x.seq,
        ?, ?, x.updated_by_device
      ${RECORDS_FROM} returning 1)`)
    bindings.push(now, now, ...recordsetParams(inserts))
  }
  if (changes.length > 0) {
    const insert = changeInsert(changes)
    ctes.push(`chg as (${insert.sql} returning 1)`)
    bindings.push(...insert.bindings)
  }
  ctes.push(`dev as (update hq_device set last_seen_at = ? where id = ? returning 1)`)
  bindings.push(now, deviceId)
  const result = (await trx.raw(
    `with ${ctes.join(',\n')}
     select ${rows.length > 0 ? '(select count(*) from alloc)' : '1'} as branches,
       ${updates.length > 0 ? '(select count(*) from upd)' : '0'} as updated, (select count(*) from dev) as devices`,
    bindings,
  )) as { rows: Array<{ branches: string | number; updated: string | number; devices: string | number }> }
  const r = result.rows[0]!
  // All certain under the branch row's lock; a miss would put a position out of order, so it fails the batch. The
  // branch and the device stand in for the foreign keys PostgreSQL no longer checks row by row (decision 117).
  if (Number(r.branches) !== 1) throw new Error(`no branch ${branchCode}`)
  if (Number(r.devices) !== 1) throw new Error(`no device ${deviceId}`)
  if (Number(r.updated) !== updates.length) throw new Error(`${updates.length - Number(r.updated)} records vanished`)
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * JSON text as the database will hold it. A string with a lone UTF-16 surrogate (JSON.stringify writes it as a
 * \\udXXX escape) was refused by PostgreSQL's json input when bodies went as `json`, failing the batch at every
 * retry; a bound text parameter (and SQLite) always stored such a character as U+FFFD, so it is replaced by U+FFFD
 * here too, and both databases keep the same text.
 * `text`: the value's JSON.stringify already made by the caller.
 */
function storedJson(value: unknown, text: string = JSON.stringify(value)): string {
  if (!text.includes('\\ud')) return text
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd') : v))
}

/**
 * Where a batch's records come from in SQL: their small columns as one JSON array, their bodies as one text of
 * JSON texts separated by U+001E, split by PostgreSQL and joined back by position. The bodies are most of a batch
 * (~0.6 MB of 500 changes); as a `json` field PostgreSQL checked their syntax twice over — once when the parameter
 * became `json`, once in json_to_recordset — which was the larger part of the batch statement's time (EXPLAIN
 * ANALYZE, bench:sync's contracts: json_to_recordset ~15 ms of ~40). Splitting a text at one character is a plain
 * scan. U+001E never occurs in JSON.stringify's output: every character below U+0020 is written as an escape.
 */
const RECORDS_FROM = `from json_to_recordset(?::json) as x(entity text, id text, branch_code text, row_version integer,
    natural_key text, seq bigint, updated_by_device text, n bigint)
  join unnest(string_to_array(?::text, chr(30))) with ordinality as d(data, n) on d.n = x.n`

/** The two parameters of RECORDS_FROM for the rows; `n` is the row's place in the list (1-based). */
function recordsetParams(rows: ReadonlyArray<{ w: RecordWrite; seq: number; data: string }>): [string, string] {
  const head = rows.map(
    ({ w, seq }, i) =>
      `{"entity":${JSON.stringify(w.entity)},"id":${JSON.stringify(w.id)},"branch_code":${JSON.stringify(w.branchCode)},` +
      `"row_version":${w.rowVersion},"natural_key":${JSON.stringify(w.naturalKey)},"seq":${seq},` +
      `"updated_by_device":${JSON.stringify(w.deviceId)},"n":${i + 1}}`,
  )
  return [`[${head.join(',')}]`, rows.map((r) => r.data).join('\u001e')]
}

/**
 * The push log's rows for a batch (hq_change). On PostgreSQL one statement (`changeInsert`); on SQLite multi-row
 * inserts within its bound-value limit (14 values a row).
 */
export async function insertChanges(
  trx: Knex.Transaction,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return
  if (trx.client.config.client === 'pg') {
    const { sql, bindings } = changeInsert(rows)
    await trx.raw(sql, bindings)
    return
  }
  for (let i = 0; i < rows.length; i += 500) await trx('hq_change').insert(rows.slice(i, i + 500))
}

/**
 * hq_change's columns and their types. The log rows go to PostgreSQL as one array per column, zipped by unnest:
 * array input is a plain scan of short values, where a JSON array of the same rows had PostgreSQL check the JSON
 * when the parameter became `json` and parse it again in json_to_recordset (500 rows: ~12 ms → ~4 ms on the bench
 * machine). A lone surrogate in a value is written as U+FFFD by the driver's UTF-8 encoding, as before.
 */
const CHANGE_COLUMNS: ReadonlyArray<readonly [string, 'text' | 'integer']> = [
  ['change_id', 'text'],
  ['device_id', 'text'],
  ['branch_code', 'text'],
  ['changed_by', 'text'],
  ['entity', 'text'],
  ['entity_id', 'text'],
  ['op', 'text'],
  ['row_version', 'integer'],
  ['changed_at', 'text'],
  ['received_at', 'text'],
  ['status', 'text'],
  ['reason_code', 'text'],
  ['reason_params', 'text'],
  ['via', 'text'],
]

/**
 * The insert of a batch's log rows on PostgreSQL. A column with one value in every row — the device, branch, time
 * received and channel always; the status and reasons of a batch all accepted; often the author — goes as that one
 * value, the others as arrays: half the arrays the driver escapes element by element and PostgreSQL parses inside
 * the branch's lock (decision 117). The change id is always an array: unnest needs one.
 */
export function changeInsert(rows: ReadonlyArray<Record<string, unknown>>): { sql: string; bindings: Knex.Value[] } {
  const select: string[] = []
  const selectBindings: Knex.Value[] = []
  const arrays: string[] = []
  const arrayColumns: string[] = []
  const arrayBindings: Knex.Value[] = []
  for (const [column, type] of CHANGE_COLUMNS) {
    const values = rows.map((r) => (r[column] ?? null) as Knex.Value)
    const first = values[0] ?? null
    if (column !== 'change_id' && values.every((v) => v === first)) {
      select.push(`?::${type}`)
      selectBindings.push(first)
    } else {
      select.push(`u.${column}`)
      arrays.push(`?::${type}[]`)
      arrayColumns.push(column)
      arrayBindings.push(values as Knex.Value)
    }
  }
  return {
    sql: `insert into hq_change (${CHANGE_COLUMNS.map(([c]) => c).join(', ')})
  select ${select.join(', ')}
  from unnest(${arrays.join(', ')}) as u(${arrayColumns.join(', ')})`,
    bindings: [...selectBindings, ...arrayBindings],
  }
}
