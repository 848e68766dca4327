import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compactSearchIndexes } from '../../core/db/searchUpkeep'
import { MIGRATIONS } from '../../migrations'
import { measure, OPERATIONS, signInClerk, type Operation, type OperationFigures } from './measure'
import { DB_FILE, openBenchCore, seedBranch, split, type SeedResult } from './seed'

/**
 * `npm run bench:db -- --contracts N [--json] [--fresh] [--reps 50] [--budget-s 60]`: the branch database after
 * years of work, measured through the handlers.
 *
 * Seeding (bench/db/seed.ts): a few hundred real records made through the app's handlers (dispatch with signed-in
 * sessions), then bulk-cloned to N (70 % OSAGO, 25 % CASCO, 5 % terminations) in big transactions with prepared
 * statements; each clone has its own id, person, VIN, plate and numbers, dates spread over five years, and its
 * derived columns from the features' own row functions. Clones skip outbox and audit (history already synced).
 * The seeded data folder is cached in .cache/bench-db/<N>-<key>/ (key: the migration list and the sources that
 * shape the rows), so a second run starts in seconds; `--fresh` seeds again. Seeding another key for the same N
 * removes the older copy (a 1M database is ~10 GB).
 *
 * Measuring (bench/db/measure.ts): every operation through `core.dispatch` as the renderer calls it, with a
 * signed-in clerk, warm, up to --reps calls with varied inputs (an operation past --budget-s stops after 5 calls
 * and says so). Prints p50/p95/max ms per operation, figures only; with --json the last line is
 * {"contracts", "dbBytes", "p95Ms": {…}}.
 */
const ROOT = resolve(import.meta.dirname, '..', '..')
const CACHE = join(ROOT, '.cache', 'bench-db')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const flag = (name: string) => process.argv.includes(`--${name}`)

const CONTRACTS = Number(arg('contracts') ?? 100_000)
const JSON_OUT = flag('json')
const FRESH = flag('fresh')
const REPS = Number(arg('reps') ?? 50)
const BUDGET_MS = Number(arg('budget-s') ?? 60) * 1000
const ONLY = arg('only')?.split(',') as Operation[] | undefined

/**
 * What makes a seeded database: the schema (the migrations, their sources too: a trigger's SQL fills a table) and the
 * code that writes the rows' derived columns.
 */
function cacheKey(): string {
  const h = createHash('sha256')
  h.update(MIGRATIONS.map((m) => m.name).join('\n'))
  for (const f of [
    ...MIGRATIONS.map((m) => `migrations/${m.name}.ts`),
    'bench/db/seed.ts',
    'bench/db/people.ts',
    'core/osago/osagoRows.ts',
    'core/casco/cascoRows.ts',
    'core/inspection/inspectionRows.ts',
    'core/termination/applicationRows.ts',
    'core/db/searchText.ts',
  ]) {
    const p = join(ROOT, f)
    if (existsSync(p)) h.update(readFileSync(p))
  }
  return h.digest('hex').slice(0, 12)
}

function dbBytes(dir: string): number {
  let n = 0
  for (const f of [DB_FILE, `${DB_FILE}-wal`]) {
    const p = join(dir, f)
    if (existsSync(p)) n += statSync(p).size
  }
  return n
}

const fmt = (ms: number) =>
  Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0)
const log = (s: string) => console.log(s)

async function main(): Promise<void> {
  if (!Number.isInteger(CONTRACTS) || CONTRACTS < 200) throw new Error('--contracts must be an integer ≥ 200')
  const key = cacheKey()
  const dir = join(CACHE, `${CONTRACTS}-${key}`)
  const info = join(dir, 'seed.json')
  let seed: SeedResult & { cached?: boolean }
  if (FRESH) rmSync(dir, { recursive: true, force: true })
  if (existsSync(info)) {
    seed = { ...(JSON.parse(readFileSync(info, 'utf8')) as SeedResult), cached: true }
  } else {
    mkdirSync(CACHE, { recursive: true })
    for (const old of readdirSync(CACHE))
      if (old.startsWith(`${CONTRACTS}-`)) {
        log(`removing the cached database of an older schema: ${old}`)
        rmSync(join(CACHE, old), { recursive: true, force: true })
      }
    const tmp = join(CACHE, `seeding-${process.pid}`)
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(tmp, { recursive: true })
    const want = split(CONTRACTS)
    log(
      `seeding ${CONTRACTS.toLocaleString('en-US')} contracts (${want.osago} OSAGO, ${want.casco} CASCO, ${want.termination} terminations) …`,
    )
    try {
      seed = await seedBranch(tmp, CONTRACTS, { log })
      writeFileSync(join(tmp, 'seed.json'), JSON.stringify(seed))
      renameSync(tmp, dir)
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true })
      throw e
    }
  }
  const bytes = dbBytes(dir)
  log(
    `\nDatabase: ${seed.contracts.toLocaleString('en-US')} contracts, ${(bytes / 1e9).toFixed(2)} GB (file + WAL), ${dir}` +
      (seed.cached ? ' (cached)' : ''),
  )
  log(
    `Seeding: ${seed.real.osago + seed.real.casco + seed.real.termination} real records through the handlers (dispatch with signed-in sessions) in ${seed.real.seconds.toFixed(1)} s; ` +
      `${(seed.clones.osago + seed.clones.casco + seed.clones.termination).toLocaleString('en-US')} clones (${seed.clones.osago} OSAGO, ${seed.clones.casco} CASCO, ${seed.clones.termination} terminations) in ${seed.clones.seconds.toFixed(1)} s, ` +
      "derived columns from the features' row functions; clones skip outbox and audit (history already synced).",
  )

  const started = performance.now()
  const core = await openBenchCore(dir)
  let figures: Record<Operation, OperationFigures>
  try {
    log(`Core started on the seeded database in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    // What the app does in idle time after start and every few hours; a database it has already run on takes one
    // no-op step per index. Run to its end here, as on a branch's computer after its first hours of use.
    const upkeep = await compactSearchIndexes(core.db)
    log(
      `Search index upkeep (core/db/searchUpkeep.ts) run to its end: ${upkeep.steps} steps in ${(upkeep.ms / 1000).toFixed(1)} s` +
        (upkeep.merged.length ? ` (merged ${upkeep.merged.join(', ')})` : ' (already compact)'),
    )
    await signInClerk(core)
    log(
      `Measuring through core.dispatch as the renderer calls it (signed-in clerk), warm, up to ${REPS} calls per operation:`,
    )
    figures = await measure(core, { reps: REPS, minReps: 5, budgetMs: BUDGET_MS, ...(ONLY ? { only: ONLY } : {}), log })
  } finally {
    await core.close()
  }

  const rows = Object.entries(figures) as Array<[Operation, OperationFigures]>
  log(
    `\n${'operation'.padEnd(22)}${'calls'.padStart(6)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'max ms'.padStart(10)}  found`,
  )
  for (const [op, f] of rows)
    log(
      f.missing
        ? `${op.padEnd(22)}  missing (${f.missing})`
        : `${op.padEnd(22)}${String(f.n).padStart(6)}${fmt(f.p50).padStart(10)}${fmt(f.p95).padStart(10)}${fmt(f.max).padStart(10)}  ${f.found}/${f.n}`,
    )
  log('found: calls whose answer held the record the query was taken from (surname prefixes, lists: any rows).')
  if (JSON_OUT) {
    const p95Ms: Record<string, number | null> = {}
    for (const op of OPERATIONS) {
      const f = figures[op]
      if (f) p95Ms[op] = f.missing ? null : Math.round(f.p95 * 100) / 100
    }
    console.log(JSON.stringify({ contracts: seed.contracts, dbBytes: bytes, p95Ms }))
  }
}

await main()
