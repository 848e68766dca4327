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
  if (opts.migrate !== false)
    await db.migrate.latest({ migrationSource: hqMigrationSource(), tableName: 'hq_migrations' })
  return db
}

export function isPostgres(db: HqDb): boolean {
  return db.client.config.client === 'pg'
}
