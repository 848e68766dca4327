import type BetterSqlite3 from 'better-sqlite3'
import type { Db } from '../db/openDatabase'

/**
 * What the database's one connection is told, in order: its `synchronous` pragmas and its transactions' ends (BEGIN,
 * COMMIT, ROLLBACK; not a savepoint's). The tests of the commits that skip the disk's wait (core/sync/
 * resendableCommit.ts) read with it which commit ran under which setting. `restore` puts the connection back.
 */
export async function recordCommits(db: Db): Promise<{ told: string[]; restore: () => void }> {
  const conn = (await db.client.acquireConnection()) as BetterSqlite3.Database
  await db.client.releaseConnection(conn)
  const told: string[] = []
  const pragma = conn.pragma.bind(conn)
  const prepare = conn.prepare.bind(conn)
  conn.pragma = ((source: string, options?: BetterSqlite3.PragmaOptions) => {
    if (source.startsWith('synchronous =')) told.push(source)
    return pragma(source, options)
  }) as typeof conn.pragma
  conn.prepare = ((sql: string) => {
    const word = /^(BEGIN|COMMIT|ROLLBACK)\s*;?$/i.exec(sql.trim())?.[1]
    if (word) told.push(word.toUpperCase())
    return prepare(sql)
  }) as typeof conn.prepare
  return {
    told,
    restore: () => {
      conn.pragma = pragma
      conn.prepare = prepare
    },
  }
}

/** The connection's `synchronous` setting now (2 = FULL, 1 = NORMAL). */
export async function synchronousNow(db: Db): Promise<number> {
  return ((await db.raw('PRAGMA synchronous')) as Array<{ synchronous: number }>)[0]!.synchronous
}
