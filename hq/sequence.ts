import type { Knex } from 'knex'
import { isPostgres } from './db'

/**
 * Reserves `count` positions in one branch's change sequence and returns the first. The branch row stays locked
 * until the transaction commits, so the branch's positions become visible in the order they were handed out and
 * a pull cursor (a position in the branch's sequence) can never step over a change that commits later. Writers
 * of other branches hold other rows: they do not wait for each other. A push holds the row from its start anyway
 * (devices of one branch take turns), so for it this costs no extra waiting.
 */
export async function allocateBranchSeq(trx: Knex.Transaction, branchCode: string, count: number): Promise<number> {
  // One round trip (PostgreSQL and SQLite ≥ 3.35 both return the updated row) while the branch row is locked.
  const rows = (await trx('hq_branch').where({ code: branchCode }).increment('seq', count).returning('seq')) as unknown
  const row = (Array.isArray(rows) ? rows[0] : undefined) as { seq: number | string } | undefined
  if (!row) throw new Error(`no branch ${branchCode}`)
  return Number(row.seq) - count + 1
}

/**
 * Reserves a position in HQ's global sequence: it only orders published reference files among themselves now.
 * Taking it locks the counter row to commit, which is what makes publishing a file and creating a branch take
 * turns (see `lockReferencePublishing`).
 */
export async function allocateSeq(trx: Knex.Transaction, count: number): Promise<number> {
  await trx('hq_counter').where({ name: 'seq' }).increment('value', count)
  const row = (await trx('hq_counter').where({ name: 'seq' }).first('value')) as { value: number | string }
  return Number(row.value) - count + 1
}

/**
 * A new branch copies links to every published file while a publication links the file into every branch: both
 * hold the counter row first, so a branch created while a file is being published gets the file one way or the
 * other, never neither.
 */
export async function lockReferencePublishing(trx: Knex.Transaction): Promise<void> {
  const q = trx('hq_counter').where({ name: 'seq' })
  await (isPostgres(trx) ? q.forUpdate() : q).first('value')
}
