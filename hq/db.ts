import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import type BetterSqlite3 from 'better-sqlite3'
import type { HqConfig } from './config'
import { hqMigrationSource } from './migrations'

export type HqDb = Knex

/** Opens HQ's database (PostgreSQL, or SQLite as the embedded default) and brings its schema up to date. */
export async function openHqDatabase(
  database: HqConfig['database'],
  opts: { migrate?: boolean; poolMax?: number } = {},
): Promise<HqDb> {
  let db: Knex
  if (database.client === 'pg') {
    db = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: opts.poolMax ?? 10 } })
  } else {
    mkdirSync(dirname(database.file), { recursive: true })
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: database.file },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: BetterSqlite3.Database, done: (err: Error | null, conn: unknown) => void) {
          try {
            conn.pragma('journal_mode = WAL')
            conn.pragma('foreign_keys = ON')
            conn.pragma('synchronous = NORMAL')
            conn.pragma('busy_timeout = 5000')
            done(null, conn)
          } catch (e) {
            done(e as Error, conn)
          }
        },
      },
    })
  }
  if (opts.migrate !== false) {
    const migrate = () => db.migrate.latest({ migrationSource: hqMigrationSource(), tableName: 'hq_migrations' })
    await (database.client === 'pg' ? whileMigrationLockHeld(database.url, migrate) : migrate())
  }
  return db
}

/** Any fixed number: the key of the advisory lock HQ instances take to migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_263_001

/**
 * Several HQ instances started together (issue 13) would all migrate the same database at once, and knex's own
 * lock table is created without a lock (one start failed with a duplicate-key error on it). A PostgreSQL advisory
 * lock, on a connection of its own outside the pool, lets the first migrate while the others wait; they then find
 * nothing left to do.
 */
async function whileMigrationLockHeld(url: string, fn: () => Promise<unknown>): Promise<void> {
  const { default: pg } = await import('pg')
  // The same connection the pool was given: a URL, or (a caller reusing a pool's settings) its parsed form.
  const client = new pg.Client(typeof url === 'string' ? { connectionString: url } : (url as import('pg').ClientConfig))
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await fn()
  } finally {
    // Ending the session releases the lock, also when a migration failed.
    await client.end()
  }
}

/** On the database or inside one of its transactions (a transaction carries its database's client). */
export function isPostgres(db: HqDb | Knex.Transaction): boolean {
  return db.client.config.client === 'pg'
}
