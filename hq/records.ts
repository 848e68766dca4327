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
}

/**
 * Writes accepted records with fresh positions in their branch's sequence, in the given order (which is the order
 * that branch's pulls see). Branches are taken in code order, so two writers of several branches cannot deadlock.
 */
export async function writeRecords(trx: Knex.Transaction, writes: readonly RecordWrite[], now: string): Promise<void> {
  if (writes.length === 0) return
  const perBranch = new Map<string, number>()
  for (const w of writes) perBranch.set(w.branchCode, (perBranch.get(w.branchCode) ?? 0) + 1)
  const next = new Map<string, number>()
  for (const code of [...perBranch.keys()].sort())
    next.set(code, await allocateBranchSeq(trx, code, perBranch.get(code)!))
  const inserts: Record<string, unknown>[] = []
  for (const w of writes) {
    const seq = next.get(w.branchCode)!
    next.set(w.branchCode, seq + 1)
    const values = {
      branch_code: w.branchCode,
      row_version: w.rowVersion,
      data: JSON.stringify(w.data),
      natural_key: w.naturalKey,
      seq,
      updated_at: now,
      updated_by_device: w.deviceId,
    }
    if (w.isNew) inserts.push({ entity: w.entity, id: w.id, created_at: now, ...values })
    else await trx('hq_record').where({ entity: w.entity, id: w.id }).update(values)
  }
  // New records go in multi-row statements: a whole push batch in one (10 values a row; SQLite allows at most
  // 32766 bound values per statement, PostgreSQL 65535).
  for (let i = 0; i < inserts.length; i += 500) await trx('hq_record').insert(inserts.slice(i, i + 500))
}
