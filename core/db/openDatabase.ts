import knexFactory, { type Knex } from 'knex'
import type BetterSqlite3 from 'better-sqlite3'
import { migrationSource } from '../../migrations'

export type Db = Knex

export interface OpenDatabaseOptions {
  migrate?: boolean
  upTo?: string
  /**
   * better-sqlite3's compiled module to load instead of node_modules' one. The Electron app passes its
   * Electron-ABI build (kept apart so node_modules stays on Node's ABI for tests and tools); under Node, unset.
   */
  nativeBinding?: string
}

/**
 * Opens the branch database: WAL (readers never block the writer, a crash mid-write rolls back cleanly),
 * foreign keys on, synchronous=FULL (a signed policy must survive a power cut), then runs pending migrations.
 */
export async function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Promise<Db> {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file, ...(opts.nativeBinding ? { options: { nativeBinding: opts.nativeBinding } } : {}) },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: BetterSqlite3.Database, done: (err: Error | null, conn: unknown) => void) {
        try {
          conn.pragma('journal_mode = WAL')
          conn.pragma('foreign_keys = ON')
          conn.pragma('synchronous = FULL')
          conn.pragma('busy_timeout = 5000')
          done(null, conn)
        } catch (e) {
          done(e as Error, conn)
        }
      },
    },
  })
  if (opts.migrate !== false) {
    await db.migrate.latest({ migrationSource: migrationSource(opts.upTo) })
  }
  return db
}
