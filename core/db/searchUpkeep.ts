import { setTimeout as sleep } from 'node:timers/promises'
import type { Db } from './openDatabase'

/**
 * Keeps the search indexes (FTS5, core/db/search.ts) compact. Every committed write adds a small segment to a
 * table's FTS index and FTS5's automerge only folds segments of one level together, so after years of work an index
 * is a stack of segments (bench:db, 1,000,000 contracts: osago_policy_fts in 24 segments on 9 levels). A query reads
 * each segment's doclist of each of its trigrams; after a restart, when little of the file is in memory, those reads
 * were most of a surname search. Merged into one segment the same search reads a few pages per trigram (bench:db
 * searchSurnamePrefix on a cold cache: p95 10.4 → 7.0 ms, decision 113).
 *
 * A merge rewrites the index, so it is done in steps of MERGE_PAGES pages — FTS5's `'merge'` command with a negative
 * page count takes every segment as one level (sqlite.org/fts5.html, "The 'merge' command") — a few milliseconds
 * each at 1M contracts, with a pause between them in which the core answers calls; a step that changes nothing says
 * the index is one segment. The app runs a pass a while after start and then every few hours; an index already
 * compact costs one no-op step.
 */

/** Leaf pages one step may write: ~6 ms a step on osago_policy_fts at 1M contracts (bench/db, this machine). */
export const MERGE_PAGES = 64
/** Between steps: calls waiting for the database go first. */
const STEP_PAUSE_MS = 20

/** The FTS5 tables of the schema. */
export async function searchIndexes(db: Db): Promise<string[]> {
  const rows = (await db('sqlite_master')
    .where({ type: 'table' })
    .whereRaw(`lower(sql) like 'create virtual table%using fts5%'`)
    .orderBy('name')
    .select('name')) as Array<{ name: string }>
  return rows.map((r) => r.name)
}

/**
 * One bounded merge step on `fts`; true when it did work. SQLite counts the rows a merge writes in
 * total_changes(): fewer than 2 means there was nothing to merge (FTS5's documented test). One transaction, so
 * both counts are the same connection's.
 */
export async function mergeStep(db: Db, fts: string, pages = MERGE_PAGES): Promise<boolean> {
  if (!/^\w+$/.test(fts)) throw new Error(`not a table name: ${fts}`)
  return db.transaction(async (trx) => {
    const count = async () => Number(((await trx.raw('SELECT total_changes() AS n')) as Array<{ n: number }>)[0]!.n)
    const before = await count()
    await trx.raw(`INSERT INTO ${fts}(${fts}, rank) VALUES ('merge', ?)`, [-Math.abs(pages)])
    return (await count()) - before >= 2
  })
}

export interface CompactResult {
  steps: number
  ms: number
  /** The indexes that took at least one step of work. */
  merged: string[]
}

/** Merges every search index into one segment, step by step; `stopped` ends it between two steps. */
export async function compactSearchIndexes(
  db: Db,
  opts: { pauseMs?: number; stopped?: () => boolean } = {},
): Promise<CompactResult> {
  const started = performance.now()
  const result: CompactResult = { steps: 0, ms: 0, merged: [] }
  for (const fts of await searchIndexes(db)) {
    while (!opts.stopped?.()) {
      const worked = await mergeStep(db, fts)
      result.steps++
      if (!worked) break
      if (result.merged.at(-1) !== fts) result.merged.push(fts)
      if (opts.pauseMs) await sleep(opts.pauseMs)
    }
  }
  result.ms = performance.now() - started
  return result
}

export interface SearchUpkeep {
  stop(): Promise<void>
}

/** The app's schedule: a pass `firstAfterMs` after start (the clerk's first screens go first), then every `everyMs`. */
export function startSearchUpkeep(o: {
  db: Db
  log?: (message: string, detail?: unknown) => void
  firstAfterMs?: number
  everyMs?: number
}): SearchUpkeep {
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> | null = null
  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(() => {
      running = compactSearchIndexes(o.db, { pauseMs: STEP_PAUSE_MS, stopped: () => stopped })
        .then((r) => {
          if (r.merged.length) o.log?.('search indexes merged', r)
        })
        .catch((e: unknown) => o.log?.('search index upkeep failed', e))
        .finally(() => {
          running = null
          schedule(o.everyMs ?? 6 * 3600_000)
        })
    }, ms)
    timer.unref?.()
  }
  schedule(o.firstAfterMs ?? 120_000)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
