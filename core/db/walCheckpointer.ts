import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Copies the WAL into the database file on a thread of its own, so the core's one thread does not.
 *
 * SQLite's own checkpoint runs inside a commit once the WAL holds `wal_autocheckpoint` pages (1,000, ~4 MB): that
 * commit copies the pages into the database file and fsyncs it, on the thread that answers the clerk. A pulled page
 * of 1,000 records is ~3.5 MB of WAL, so nearly every page paid for one: its commit took 12–14 ms instead of 4–5
 * (bench/sync/pullProfile.ts). Here a worker thread holds a second connection to the same file and, every TICK_MS
 * after the core has committed (`PRAGMA data_version` moved), runs a PASSIVE checkpoint: it copies what the WAL
 * holds without waiting for, or blocking, the core's connection (SQLite's WAL lets one checkpointer work beside a
 * writer and readers). The core's connection checkpoints only as a backstop, at BACKSTOP_PAGES; if the worker fails
 * or ends, back at SQLite's default. Durability is SQLite's as before: a commit is durable in the WAL, and a
 * checkpoint only moves pages, syncing the WAL before and the database file after as the core's connection would.
 *
 * Checkpointing only in pauses of the core's commits (or once a second) was tried and measured slower in bench:sync:
 * the WAL then grew by tens of MB during a pull instead of being reused from its start.
 */
export interface WalCheckpointer {
  /** Resolves once the worker has the database open (true), or failed to (false: the core checkpoints itself). */
  readonly ready: Promise<boolean>
  stop(): Promise<void>
}

/** How often the worker looks whether the core has committed (a read of the WAL's index) and checkpoints if so. */
const TICK_MS = 100
/** The core's own checkpoint while the worker runs: only if the WAL reaches this many pages (~40 MB). */
export const BACKSTOP_PAGES = 10_000
/** SQLite's default (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT). */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000

// CommonJS run by the worker (eval: no file of its own to bundle, or to find beside the built core).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
let db
try {
  const Database = require(workerData.driver)
  db = new Database(workerData.file, {
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  })
  // A checkpoint syncs the WAL before it copies and the database file after.
  db.pragma('synchronous = FULL')
  // Never wait for a lock: a checkpoint that cannot run now runs at the next tick.
  db.pragma('busy_timeout = 0')
} catch (e) {
  parentPort.postMessage({ failed: String((e && e.message) || e) })
  process.exit(1)
}
parentPort.postMessage({ ready: true })
let seen = null
const timer = setInterval(() => {
  try {
    // Moves whenever another connection (the core's) has committed since this one last looked.
    const version = db.pragma('data_version', { simple: true })
    if (version === seen) return
    db.pragma('wal_checkpoint(PASSIVE)')
    seen = version
  } catch {
    // SQLITE_BUSY or SQLITE_LOCKED (a backup or another checkpoint at work): the next tick tries again.
  }
}, workerData.everyMs)
parentPort.on('message', (m) => {
  if (m !== 'stop') return
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/**
 * Starts the worker for the database at `file`. `setAutocheckpoint` sets the core connection's `wal_autocheckpoint`:
 * BACKSTOP_PAGES at once (the core may be committing before the worker is up), DEFAULT_AUTOCHECKPOINT_PAGES when the
 * worker fails, ends or is stopped.
 */
export function startWalCheckpointer(opts: {
  file: string
  nativeBinding?: string
  setAutocheckpoint: (pages: number) => Promise<void>
  onError?: (message: string) => void
  /** Tests: another module path for the driver (one that fails to load). */
  driver?: string
}): WalCheckpointer {
  const driver = opts.driver ?? createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: opts.file, nativeBinding: opts.nativeBinding, everyMs: TICK_MS },
  })
  // A forgotten stop must not keep the process alive; the worker's connection then closes with the process.
  worker.unref()
  let stopping = false
  let failed = false
  let backstop = true
  const backstopSet = opts.setAutocheckpoint(BACKSTOP_PAGES).catch(() => undefined)
  /** The core's connection takes its checkpoints back (once). */
  const takeBack = async () => {
    if (!backstop) return
    backstop = false
    await backstopSet
    await opts.setAutocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES).catch(() => undefined)
  }
  const fail = async (why: string) => {
    if (!stopping && !failed) opts.onError?.(why)
    failed = true
    await takeBack()
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  const ready = new Promise<boolean>((resolve) => {
    worker.on('message', (m: { ready?: true; failed?: string }) => {
      if (m.ready) resolve(true)
      else if (m.failed) {
        resolve(false)
        void fail(m.failed)
      }
    })
    worker.once('error', (e) => {
      resolve(false)
      void fail(e.message)
    })
    worker.once('exit', (code) => {
      resolve(false)
      void fail(`the checkpoint worker ended (${code})`)
    })
  })
  return {
    ready,
    async stop() {
      if (!stopping) {
        stopping = true
        // Back to SQLite's default first: the core's connection checkpoints on its own again (and on close).
        await takeBack()
        worker.postMessage('stop')
      }
      const late = setTimeout(() => void worker.terminate(), 5000)
      await exited
      clearTimeout(late)
    },
  }
}
