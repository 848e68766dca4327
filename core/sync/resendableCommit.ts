import type BetterSqlite3 from 'better-sqlite3'
import type { Knex } from 'knex'
import type { Db } from '../db/openDatabase'

/**
 * A transaction of writes the sync protocol brings back if a power cut takes them, committed without waiting for the
 * disk (synchronous = NORMAL for this commit alone; decisions 114 and 118):
 * - a pulled page (core/sync/pullChanges.ts): its cursor is in the same transaction, so a cut that takes the last
 *   pages back takes their cursor back too, and the next pull asks for them again;
 * - HQ's answers to a push batch (core/sync/pushOutbox.ts `recordAnswers`): a change whose answer is lost is still
 *   pending, goes again, and HQ answers it from its log without applying it twice.
 * Nothing a user typed is in such a transaction: it reached the outbox with its own commit (synchronous = FULL). The
 * WAL keeps the order, so the next write of the device's own (FULL, its fsync) makes these durable as well. A commit's
 * fsync took 2–10 ms on this machine's SSD and takes tens of ms on a branch computer's hard disk, with the device's
 * one thread waiting (better-sqlite3 is synchronous): once per 1,000 records pulled, once per 500 pushed. The
 * connection is held from the pragma to its reset, so no other write commits in between (the database has one
 * connection).
 */
export async function resendableTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const conn = (await db.client.acquireConnection()) as BetterSqlite3.Database
  const was = conn.pragma('synchronous', { simple: true }) as number
  try {
    conn.pragma('synchronous = NORMAL')
    return await db.transaction(fn, { connection: conn })
  } finally {
    conn.pragma(`synchronous = ${was}`)
    await db.client.releaseConnection(conn)
  }
}
