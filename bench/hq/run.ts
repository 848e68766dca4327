import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { uuidv7 } from 'uuidv7'
import { ensureBranch, issueEnrolmentCode } from '../../hq/admin'
import { openHqDatabase, type HqDb } from '../../hq/db'
import { startHqProcess, type HqProcess } from '../../hq/testing/hqProcess'
import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { todayIn } from '../../shared/dates/calendarDate'
import { percentile, runFleet, type FleetFigures } from './load'

/**
 * `npm run bench:hq -- --devices N [--json]`: N light devices push to one HQ at once over loopback.
 *
 * HQ runs as its own process (`npm run hq`, hq/testing/hqProcess.ts) on a throwaway PostgreSQL cluster
 * (hq/testing/pgCluster.ts) or DATABASE_URL. The cluster is started durable (fsync and synchronous_commit on):
 * an acknowledged change must survive a crash, so the figures are what a real HQ pays per commit; the settings
 * are printed. Branches, their devices' enrolment codes come from HQ's own admin functions (ensureBranch,
 * issueEnrolmentCode — what `npm run hq -- enrol` does); every device then enrols over HTTP, and the first device
 * of a branch pushes the branch's setup (branch record, admin, one clerk per device) before the timed part, as a
 * branch does when it is set up. Timed: every device starts at a random moment of a 10 s window, pushes 5 batches
 * of 50 changes (new OSAGO drafts and edits of earlier ones, authored by its clerk) and pulls after each. At the end
 * every acknowledged change is looked up at HQ: it must be there exactly once, and every policy at the version its
 * last accepted change gave it.
 *
 * Options: --devices N (50), --per-branch D devices per branch (2), --batches B (5), --batch-size S (50),
 * --window-s W (10), --deadline-s T (hard overall limit, 600), --pool P (HQ's DB_POOL_MAX, HQ's default when
 * absent), --work-max W and --queue-wait-ms Q (HQ's DB_WORK_MAX and QUEUE_WAIT_MAX_MS, hq/workGate.ts: a wide
 * gate — e.g. 1000 and 600000 — lets every request in, as HQ did before the gate), --instances K (K HQ processes on the one database, device i on instance i mod K — docs/scaling.md),
 * --appointments on|off (off, HQ's default: the gate of decision 86; on: APPOINTMENT_VALID_MS=30000, busy answers
 * carry an appointment the device sends back, decision 88 — for side-by-side comparison),
 * --profile DIR (HQ's CPU profile written there when it stops), --json (last line for scripts). Everything it started is stopped on success, failure and Ctrl+C.
 */
const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '50' },
    'per-branch': { type: 'string', default: '2' },
    batches: { type: 'string', default: '5' },
    'batch-size': { type: 'string', default: '50' },
    'window-s': { type: 'string', default: '10' },
    'deadline-s': { type: 'string', default: '600' },
    pool: { type: 'string' },
    'work-max': { type: 'string' },
    'queue-wait-ms': { type: 'string' },
    appointments: { type: 'string', default: 'off' },
    instances: { type: 'string', default: '1' },
    profile: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const DEVICES = Math.max(1, Math.min(10_000, Number(values.devices)))
const PER_BRANCH = Math.max(1, Number(values['per-branch']))
const BATCHES = Math.max(1, Math.min(100, Number(values.batches)))
const BATCH_SIZE = Math.max(4, Math.min(500, Number(values['batch-size'])))
const WINDOW_MS = Math.max(0, Number(values['window-s']) * 1000)
const DEADLINE_MS = Math.max(10, Number(values['deadline-s'])) * 1000
const INSTANCES = Math.max(1, Math.min(8, Number(values.instances)))
const started = Date.now()
const appointmentSecret = randomBytes(32).toString('hex')

/** Sockets this process needs: one per device, plus HQ's pool and slack; HQ (a child) inherits the limit. */
function raiseOpenFiles(want: number): string {
  const read = () => {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'))
    const [soft, hard] = (line ?? '').split(/\s+/).slice(3, 5)
    return { soft: Number(soft) || Infinity, hard: Number(hard) || Infinity }
  }
  let lim = read()
  if (lim.soft >= want) return `open-file limit ${lim.soft} (enough for ${want})`
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${want}:${Math.max(want, lim.hard)}`])
  } catch {
    // not permitted: reported below
  }
  lim = read()
  return lim.soft >= want
    ? `open-file limit raised to ${lim.soft}`
    : `CANNOT raise the open-file limit to ${want} (soft ${lim.soft}, hard ${lim.hard}): expect socket errors`
}

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => r(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

const stops: Array<[string, () => Promise<unknown>]> = []
async function stopAll(): Promise<void> {
  for (const [what, stop] of stops.splice(0).reverse()) {
    try {
      await stop()
    } catch (e) {
      console.error(`stopping ${what} failed:`, e)
      process.exitCode = 1
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping what the bench started`)
    void stopAll().finally(() => process.exit(130))
  })
}

async function clusterSettings(db: HqDb): Promise<string> {
  const names = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers', 'max_connections']
  const rows = (await db.raw(`select name, current_setting(name) as value from pg_settings where name = any(?)`, [
    names,
  ])) as { rows: Array<{ name: string; value: string }> }
  return rows.rows.map((r) => `${r.name}=${r.value}`).join(' ')
}

/**
 * What HQ's PostgreSQL sessions are doing while the fleet runs (pg_stat_activity every 200 ms): their wait
 * events, and how long transactions stay open — a push holds its branch row (FOR UPDATE) for its whole transaction.
 */
function sampleActivity(db: HqDb, url: string) {
  const dbName = new URL(url).pathname.slice(1)
  const waits = new Map<string, number>()
  const xactMs: number[] = []
  let samples = 0
  let busiest = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const rows = (
        (await db
          .raw(
            `select state, coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait,
               extract(epoch from (clock_timestamp() - xact_start)) * 1000 as xact_ms
             from pg_stat_activity where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend'
               and state <> 'idle'`,
            [dbName],
          )
          .catch(() => ({ rows: [] }))) as { rows: Array<{ state: string; wait: string; xact_ms: number | null }> }
      ).rows
      samples++
      busiest = Math.max(busiest, rows.length)
      for (const r of rows) {
        const k = r.state === 'active' ? r.wait : `${r.state} (client side)`
        waits.set(k, (waits.get(k) ?? 0) + 1)
        if (r.xact_ms !== null) xactMs.push(Number(r.xact_ms))
      }
      await new Promise((r) => setTimeout(r, 200))
    }
  })()
  return {
    async stop(): Promise<string> {
      running = false
      await loop
      const total = [...waits.values()].reduce((a, b) => a + b, 0) || 1
      const top = [...waits]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, n]) => `${k} ${Math.round((100 * n) / total)}%`)
        .join(', ')
      return (
        `PostgreSQL sessions (${samples} samples): busy ${(total / Math.max(1, samples)).toFixed(1)} on average, ${busiest} at most; ${top}; ` +
        `open transaction age p50 ${percentile(xactMs, 50).toFixed(0)} ms, p95 ${percentile(xactMs, 95).toFixed(0)} ms`
      )
    },
  }
}

async function main(): Promise<FleetFigures> {
  const work = mkdtempSync(join(tmpdir(), 'bd-bench-hq-'))
  stops.push(['work folder', async () => rmSync(work, { recursive: true, force: true })])
  // A hard overall limit: whatever is still running at the deadline is stopped and reported.
  const deadline = setTimeout(() => {
    console.error(`deadline of ${DEADLINE_MS / 1000} s reached: stopping`)
    void stopAll().finally(() => process.exit(124))
  }, DEADLINE_MS)
  deadline.unref()
  try {
    console.log(raiseOpenFiles(DEVICES + 1024))
    let cluster: PgCluster | null = null
    if (!process.env.DATABASE_URL) {
      cluster = await startPgCluster({ durable: true })
      stops.push(['PostgreSQL cluster', () => cluster!.stop()])
    }
    const url = process.env.DATABASE_URL ?? (await cluster!.createDatabase('bench_hq'))
    const instances: HqProcess[] = []
    for (let i = 0; i < INSTANCES; i++) {
      const port = await freePort()
      const hq: HqProcess = await startHqProcess(
        {
          DATABASE_URL: url,
          LOG_LEVEL: 'warn',
          BLOB_DIR: join(work, 'blobs'),
          // Every device enrols from this one loopback address.
          ENROL_ATTEMPTS_PER_MINUTE: '10000',
          ...(values.pool ? { DB_POOL_MAX: values.pool } : {}),
          ...(values['work-max'] ? { DB_WORK_MAX: values['work-max'] } : {}),
          ...(values['queue-wait-ms'] ? { QUEUE_WAIT_MAX_MS: values['queue-wait-ms'] } : {}),
          // One key for every instance, so an appointment given by one is honoured by another; off: the gate of
          // decision 86 (busy answers without appointments), for comparing side by side.
          ...(values.appointments === 'on'
            ? { APPOINTMENT_VALID_MS: '30000', APPOINTMENT_SECRET: appointmentSecret }
            : { APPOINTMENT_VALID_MS: '0' }),
          ...(values.profile
            ? {
                NODE_OPTIONS: `--import ${pathToFileURL(join(import.meta.dirname, 'cpuProfile.mjs')).href}`,
                HQ_CPU_PROFILE_DIR: join(values.profile, `instance-${i + 1}`),
              }
            : {}),
        },
        port,
      )
      stops.push([`HQ ${i + 1}`, () => hq.stop()])
      instances.push(hq)
    }
    const hq = instances[0]!
    const db = await openHqDatabase({ client: 'pg', url }, { migrate: false, poolMax: 8 })
    stops.push(['bench database pool', () => db.destroy()])
    console.log(
      `HQ (${INSTANCES} separate process${INSTANCES > 1 ? 'es' : ''}) at ${instances.map((h) => h.url).join(', ')}, Node ${process.version}; PostgreSQL: ${await clusterSettings(db)}`,
    )

    // Branches and one-time codes through HQ's admin functions (what `npm run hq -- enrol` runs).
    const now = new Date()
    const branches = Math.ceil(DEVICES / PER_BRANCH)
    const codes: Array<{ branch: string; code: string; first: boolean; slot: number }> = []
    const run = uuidv7().slice(-6).toUpperCase()
    for (let b = 0; b < branches; b++) {
      const code = `B${run}-${b}`.slice(0, 16)
      await ensureBranch(db, { code, name: `Филиал ${code}`, city: 'Москва' }, now)
      for (let s = 0; s < PER_BRANCH && codes.length < DEVICES; s++)
        codes.push({ branch: code, code: (await issueEnrolmentCode(db, code, now, 1)).code, first: s === 0, slot: s })
    }
    const sampler = sampleActivity(db, url)
    const figures = await runFleet({
      hqUrl: hq.url,
      hqUrls: instances.map((h) => h.url),
      db,
      codes,
      batches: BATCHES,
      batchSize: BATCH_SIZE,
      windowMs: WINDOW_MS,
      stopAt: started + DEADLINE_MS - 15_000,
      today: todayIn('Europe/Moscow', now),
      log: (line) => console.log(line),
    })
    console.log(await sampler.stop())
    const errors = Object.entries(figures.errorsByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')
    console.log(
      `${DEVICES} devices (${branches} branches), ${BATCHES} × ${BATCH_SIZE} changes each: ` +
        `${figures.changes} changes accepted in ${figures.seconds.toFixed(2)} s → ${Math.round(figures.changesPerSec)} changes/s\n` +
        `push p50 ${figures.pushP50Ms.toFixed(0)} ms, p95 ${figures.pushP95Ms.toFixed(0)} ms, max ${figures.pushMaxMs.toFixed(0)} ms (${figures.pushes} pushes answered); ` +
        `busy answers ${figures.busy} (sent again after Retry-After; ${figures.busyAgain} to a request refused before); first attempt → applied p50 ${figures.pushDoneP50Ms.toFixed(0)} ms, p95 ${figures.pushDoneP95Ms.toFixed(0)} ms, max ${figures.pushDoneMaxMs.toFixed(0)} ms\n` +
        `pull p50 ${figures.pullP50Ms.toFixed(0)} ms, p95 ${figures.pullP95Ms.toFixed(0)} ms, max ${figures.pullMaxMs.toFixed(0)} ms (${figures.pulls} pulls)\n` +
        `errors ${figures.errors}${errors ? ` (${errors})` : ''}; lost ${figures.lost}; at HQ exactly once: ${figures.lost === 0 && figures.duplicates === 0 ? 'yes' : 'NO'}`,
    )
    return figures
  } finally {
    clearTimeout(deadline)
    await stopAll()
  }
}

main().then(
  (f) => {
    if (values.json)
      console.log(
        JSON.stringify({
          devices: DEVICES,
          instances: INSTANCES,
          changesPerSec: Math.round(f.changesPerSec),
          pushP50Ms: Math.round(f.pushP50Ms),
          pushP95Ms: Math.round(f.pushP95Ms),
          pushMaxMs: Math.round(f.pushMaxMs),
          busy: f.busy,
          busyAgain: f.busyAgain,
          pushDoneP50Ms: Math.round(f.pushDoneP50Ms),
          pushDoneP95Ms: Math.round(f.pushDoneP95Ms),
          pushDoneMaxMs: Math.round(f.pushDoneMaxMs),
          pullP50Ms: Math.round(f.pullP50Ms),
          pullP95Ms: Math.round(f.pullP95Ms),
          pullMaxMs: Math.round(f.pullMaxMs),
          errors: f.errors,
          lost: f.lost,
        }),
      )
  },
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
