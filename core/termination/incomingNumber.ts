import { AppError } from '../app/appError'
import type { Writer } from '../db/write'
import { formatIncomingNumber } from '../../shared/termination/incomingNumber'

export interface IncomingNumber {
  branchId: string
  year: number
  seq: number
  /** `<branch code>-<year>-<seq, 5 digits>`, e.g. MSK-01-2026-00001. */
  number: string
}

/**
 * Gives the next incoming number of the receiving clerk's branch for the year of receipt. Must be the first
 * statement of the write transaction: the upsert takes SQLite's write lock at once, so no other connection — in
 * this process or another on the same file — can take the same number before this transaction ends, and a
 * transaction that fails gives its number back with everything else. The counter never falls behind the numbers
 * already in the table (a database restored from HQ), and the unique index catches anything else.
 */
export async function allocateIncomingNumber(w: Writer, receivedOn: string): Promise<IncomingNumber> {
  const year = Number(receivedOn.slice(0, 4))
  const rows = (await w.trx.raw(
    `INSERT INTO termination_sequence (branch_id, year, last_seq)
       SELECT branch_id, ?, 1 FROM staff WHERE id = ?
       ON CONFLICT (branch_id, year) DO UPDATE SET last_seq = last_seq + 1
       RETURNING branch_id, last_seq`,
    [year, w.actor.userId],
  )) as Array<{ branch_id: string; last_seq: number }>
  const row = rows[0]
  if (!row) throw new AppError('FORBIDDEN', 'errors.forbidden')
  const used = (await w
    .trx('termination_application')
    .where({ branch_id: row.branch_id, incoming_year: year })
    .max({ max: 'incoming_seq' })
    .first()) as { max: number | null } | undefined
  let seq = row.last_seq
  if (used?.max != null && used.max >= seq) {
    seq = used.max + 1
    await w.trx('termination_sequence').where({ branch_id: row.branch_id, year }).update({ last_seq: seq })
  }
  const branch = (await w.trx('branch').select('code').where({ id: row.branch_id }).first()) as
    { code: string } | undefined
  if (!branch) throw new AppError('NOT_FOUND', 'errors.notFound')
  return { branchId: row.branch_id, year, seq, number: formatIncomingNumber(branch.code, year, seq) }
}
