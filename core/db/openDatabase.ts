import knexFactory, { type Knex } from 'knex'
import type BetterSqlite3 from 'better-sqlite3'
import { migrationSource } from '../../migrations'
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer'

export type Db = Knex

export interface OpenDatabaseOptions {
  migrate?: boolean
  upTo?: string
  /**
   * better-sqlite3's compiled module to load instead of node_modules' one. The Electron app passes its
   * Electron-ABI build (kept apart so node_modules stays on Node's ABI for tests and tools); under Node, unset.
   */
  nativeBinding?: string
  /**
   * Checkpoints in a worker thread instead of inside the connection's commits (core/db/walCheckpointer.ts): the
   * app's database and bench:sync's devices. Tests that open many small databases leave it off.
   */
  checkpointInBackground?: boolean
  /** Told when the checkpoint worker fails (the connection then checkpoints itself, as without it). */
  onCheckpointerError?: (message: string) => void
}

const checkpointers = new WeakMap<Db, WalCheckpointer>()

/** The database's checkpoint worker, if it was opened with one (tests wait for it to be ready). */
export function checkpointerOf(db: Db): WalCheckpointer | undefined {
  return checkpointers.get(db)
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
  if (opts.checkpointInBackground) {
    const checkpointer = startWalCheckpointer({
      file,
      nativeBinding: opts.nativeBinding,
      setAutocheckpoint: async (pages) => {
        await db.raw(`PRAGMA wal_autocheckpoint = ${pages}`)
      },
      onError: opts.onCheckpointerError,
    })
    checkpointers.set(db, checkpointer)
    // The worker stops (and the connection takes its checkpoints back) before the connection closes: `db.destroy()`
    // is knex's client's destroy (the knex function's own property is read-only).
    const client = db.client as { destroy: (callback?: unknown) => Promise<void> }
    const destroy = client.destroy.bind(client)
    client.destroy = async (callback?: unknown) => {
      await checkpointer.stop()
      return destroy(callback)
    }
  }
  return db
}
