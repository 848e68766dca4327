import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ManualClock } from '../../core/app/clock'
import { openDatabase, type Db } from '../../core/db/openDatabase'
import { SYSTEM_ACTOR, write, type Actor } from '../../core/db/write'
import { loadReferenceData } from '../../core/reference/loadReferenceData'
import type { BlobSource } from '../../core/sync/blobSync'
import type { Fetch } from '../../core/sync/hqClient'
import { plainFileSecretStore } from '../../core/sync/secretStore'
import { SyncEngine } from '../../core/sync/syncEngine'
import { ensureBranch, issueEnrolmentCode } from '../../hq/admin'
import { openHqDatabase, type HqDb } from '../../hq/db'
import { startHqProcess } from '../../hq/testing/hqProcess'
import { startPgCluster } from '../../hq/testing/pgCluster'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { SYNC_SETTINGS } from '../../core/sync/syncSettings'
import { FEATURES } from '../../core/app/createCore'
import { registerDerivedColumns } from '../../core/db/derived'
import { searchColumns } from '../../core/osago/osagoRows'
import { SYNC_HEAP_FLAGS } from '../../shared/sync/heapFlags'
import { benchPhotos, spread, type Spread } from './photos'
import { cpuBetween, findPostmaster, sampleCpu, type CpuSample } from './cpuTime'

/**
 * `npm run bench:sync [-- --json]`: HQ as its own process on PostgreSQL (a throwaway cluster, or DATABASE_URL),
 * devices over loopback HTTP, with the app's own sync settings (core/sync/syncSettings.ts).
 *  1. Contracts, BENCH_RUNS times (3): 10,000 OSAGO contracts (a policy row and its document each) pushed and
 *     acknowledged; then a new device of that branch enrols and pulls them. Figures in records/s — a record is one
 *     synced row (a change pushed, a row pulled), so a contract is two — with contracts/s beside them.
 *  2. Photos through the app beside a raw HTTP upload of the same bytes (bench/sync/photos.ts) → MB/s each.
 *  3. Load: 50 devices syncing at once → throughput, p95 push latency, and a check that nothing was lost.
 * Figures are printed as min / median / max of the runs; with --json the last line is the medians as JSON.
 * Sizes can be lowered for a quick look: BENCH_CONTRACTS, BENCH_RUNS, BENCH_PHOTO_MB, BENCH_DEVICES,
 * BENCH_CHANGES_PER_DEVICE, BENCH_STEPS (e.g. contracts,load); BENCH_MARKS=1 prints where push and pull start and end
 * on the clock of V8's CPU profiles. BENCH_FAIL_AT=push|pull|photos|load throws at that step: everything the bench
 * started (HQ, the PostgreSQL cluster, the raw upload server) must still be stopped.
 */
const ROOT = resolve(import.meta.dirname, '..', '..')
const RESOURCES = join(ROOT, 'resources')
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000)
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))
const PHOTO_MB = Number(process.env.BENCH_PHOTO_MB ?? 200)
const PHOTO_SIZE_MB = 4
const DEVICES = Number(process.env.BENCH_DEVICES ?? 50)
const PER_DEVICE = Number(process.env.BENCH_CHANGES_PER_DEVICE ?? 200)
const FAIL_AT = process.env.BENCH_FAIL_AT ?? ''
const JSON_OUT = process.argv.includes('--json')
/** BENCH_STEPS=contracts (or photos, load, comma-separated) runs only those; contracts always run. */
const STEPS = new Set((process.env.BENCH_STEPS ?? 'contracts,photos,load').split(',').map((x) => x.trim()))

// The devices run in this process: with the heap flags the app's core host runs with, as `npm run bench:sync` starts it.
const missingFlags = SYNC_HEAP_FLAGS.filter((f) => !process.execArgv.includes(f))
if (missingFlags.length > 0)
  console.warn(`note: started without ${missingFlags.join(' ')}: the devices do not run as the app's core does`)
const reference = loadReferenceData({ bundledDir: RESOURCES })
// As createCore does before sync runs: a device recomputes the derived columns (search_text) of every row it pulls
// (core/db/derived.ts), and that is part of what a pull costs in the app.
registerDerivedColumns(FEATURES.flatMap((f) => f.derived ?? []))
const work = mkdtempSync(join(tmpdir(), 'bd-bench-'))
let template = ''

/**
 * BENCH_MARKS=1 prints `mark <what> <µs>` on the monotonic clock V8's CPU profiles use, so a profile of the bench
 * or of HQ (a --require'd inspector session) can be cut to the push or the pull alone.
 */
function mark(what: string): void {
  if (process.env.BENCH_MARKS) console.log(`mark ${what} ${process.hrtime.bigint() / 1000n}`)
}

function failAt(step: string): void {
  if (FAIL_AT === step) throw new Error(`BENCH_FAIL_AT=${step}: failing on purpose`)
}

const fmt = (s: Spread, digits = 0) =>
  `min ${s.min.toFixed(digits)} / median ${s.median.toFixed(digits)} / max ${s.max.toFixed(digits)}`

async function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => r(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

interface BenchDevice {
  db: Db
  engine: SyncEngine
  dir: string
}

/** A branch device (its own SQLite file, the real sync engine) without the UI core around it. */
async function device(
  name: string,
  opts: { fetch?: Fetch; blobSources?: BlobSource[]; chunkSize?: number; checkpointWorker?: boolean } = {},
): Promise<BenchDevice> {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  copyFileSync(template, join(dir, 'branch-desk.sqlite'))
  const { checkpointWorker = true, ...engineOpts } = opts
  // As the app opens it (core/app/createCore.ts): checkpoints in a worker thread.
  const db = await openDatabase(join(dir, 'branch-desk.sqlite'), { checkpointInBackground: checkpointWorker })
  const engine = new SyncEngine({
    db,
    dataDir: dir,
    resourcesDir: RESOURCES,
    reference,
    clock: new ManualClock(new Date()),
    secrets: plainFileSecretStore(join(dir, 'secrets')),
    // No batch, page or chunk size here: the engine's defaults are the app's settings (core/sync/syncSettings.ts).
    deviceName: name,
    ...engineOpts,
  })
  return { db, engine, dir }
}

/** Enrols the branch's first device, set up as `setup/create-branch` does; answers its admin, the bench's author. */
async function enrol(hqDb: HqDb, hqUrl: string, d: BenchDevice, branch: string): Promise<Actor> {
  await ensureBranch(hqDb, { code: branch, name: branch, city: 'Москва' }, new Date())
  // HQ takes a change only from staff of the branch (hq/authorship.ts): the admin comes with the branch.
  const admin = await write(d.db, SYSTEM_ACTOR, 'setup', new Date(), async (w) => {
    const b = await w.insert('branch', { code: branch, name: branch, city: 'Москва' })
    return w.insert('staff', {
      branch_id: b.id,
      login: 'admin',
      full_name: 'Администратор',
      role: 'admin',
      password_hash: 'scrypt$bench$not-a-real-hash',
      active: true,
      must_change_password: false,
    })
  })
  await d.engine.enrol({ hqUrl, code: (await issueEnrolmentCode(hqDb, branch, new Date(), 1)).code }, 'existing-branch')
  if (!(await d.engine.syncNow())) throw new Error(`first sync of ${branch} failed: ${await lastError(d)}`)
  return { userId: admin.id, login: admin.login }
}

async function pending(d: BenchDevice): Promise<number> {
  return Number(((await d.db('outbox').whereNull('sent_at').count({ n: '*' }).first()) as { n: number }).n)
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!

async function count(hqDb: HqDb, q: (db: HqDb) => ReturnType<HqDb>): Promise<number> {
  return Number(((await q(hqDb).count({ n: '*' }).first()) as { n: string | number }).n)
}

interface Figures {
  pushRecordsPerSec: number
  pullRecordsPerSec: number
  photoMBps: number | null
  rawUploadMBps: number | null
}

// What the bench started, stopped in `stopAll` in reverse — on success, on a failed step, and on Ctrl+C / SIGTERM.
const stops: Array<[string, () => Promise<unknown>]> = []
const devices: BenchDevice[] = []

async function stopAll(): Promise<void> {
  for (const d of devices.splice(0)) await d.db.destroy().catch(() => undefined)
  for (const [what, stop] of stops.splice(0).reverse()) {
    try {
      await stop()
    } catch (e) {
      console.error(`stopping ${what} failed:`, e)
      process.exitCode = 1
    }
  }
  rmSync(work, { recursive: true, force: true })
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping what the bench started`)
    void stopAll().finally(() => process.exit(130))
  })
}

async function main(): Promise<Figures> {
  // Everything started is stopped in `finally`, in reverse, each stop on its own: a failing step or stop must not
  // leave HQ or a PostgreSQL cluster running.
  try {
    const cluster = process.env.DATABASE_URL ? null : await startPgCluster()
    if (cluster) stops.push(['PostgreSQL cluster', () => cluster.stop()])
    const url = process.env.DATABASE_URL ?? (await cluster!.createDatabase('bench'))
    const port = await freePort()
    // Every simulated device enrols from this one loopback address: lift the per-address enrolment limit.
    const hq = await startHqProcess(
      {
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
        BLOB_DIR: join(work, 'hq-blobs'),
        ENROL_ATTEMPTS_PER_MINUTE: '10000',
      },
      port,
    )
    stops.push(['HQ', () => hq.stop()])
    const postmaster = cluster ? findPostmaster(cluster.port) : null
    const cpu = () => sampleCpu(hq.child.pid, postmaster)
    const hqDb = await openHqDatabase({ client: 'pg', url }, { migrate: false, poolMax: 4 })
    stops.push(['HQ database pool', () => hqDb.destroy()])
    template = join(work, 'template.sqlite')
    const t = await openDatabase(template)
    await t.raw('PRAGMA wal_checkpoint(TRUNCATE)')
    await t.destroy()
    console.log(
      `HQ on PostgreSQL (${cluster ? 'throwaway cluster' : 'DATABASE_URL'}) at ${hq.url}; Node ${process.version}; ` +
        `app settings: push batch ${SYNC_SETTINGS.batchSize}, pull page ${SYNC_SETTINGS.pageSize}, photo chunk ${SYNC_SETTINGS.chunkSize / 1024 / 1024} MB`,
    )
    const today = todayIn('Europe/Moscow', new Date())
    const draft = completeDraft(today)

    // 1. Contracts: pushed by the device that wrote them, pulled by a new device of the branch.
    const pushRates: number[] = []
    const pullRates: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const branch = `BENCH-${run + 1}`
      const a = await device(`push-${run}`)
      devices.push(a)
      const author = await enrol(hqDb, hq.url, a, branch)
      // A contract is its hot row and its document (migration 20261205000015): two synced records.
      // The row as the OSAGO handlers write a draft (its search columns from the draft), so the search_text HQ sends
      // back is the one the pulling device computes.
      await write(a.db, author, 'bench', new Date(), async (w) => {
        for (let i = 0; i < CONTRACTS; i++) {
          const policy = await w.insert('osago_policy', {
            status: 'draft',
            premium_kopecks: null,
            tariff_version: null,
            ...searchColumns(draft),
            conclusion_date: today,
          })
          await w.insert('osago_document', { id: policy.id, draft, calculation: null })
        }
      })
      const changes = await pending(a)
      failAt('push')
      mark('push-start')
      let cpuAt = cpu()
      let started = performance.now()
      if (!(await a.engine.syncNow())) throw new Error(`contract push failed: ${await lastError(a)}`)
      let seconds = (performance.now() - started) / 1000
      const pushCpu = cpuBetween(cpuAt, cpu())
      mark('push-end')
      if ((await pending(a)) !== 0) throw new Error('contracts left unsent')
      const atHq = await count(hqDb, (db) => db('hq_record').where({ entity: 'osago_policy', branch_code: branch }))
      if (atHq !== CONTRACTS) throw new Error(`HQ holds ${atHq} of ${CONTRACTS} contracts`)
      pushRates.push(changes / seconds)
      const pushLine = `push ${CONTRACTS} contracts (${changes} records) in ${seconds.toFixed(2)} s → ${Math.round(changes / seconds)} records/s, ${Math.round(CONTRACTS / seconds)} contracts/s`

      // A new computer of the branch: enrolment pulls the whole branch.
      failAt('pull')
      const b = await device(`pull-${run}`)
      devices.push(b)
      const code = (await issueEnrolmentCode(hqDb, branch, new Date(), 1)).code
      mark('pull-start')
      cpuAt = cpu()
      started = performance.now()
      await b.engine.enrol({ hqUrl: hq.url, code }, 'new-device')
      seconds = (performance.now() - started) / 1000
      const pullCpu = cpuBetween(cpuAt, cpu())
      mark('pull-end')
      const pulled = Number(((await b.db('osago_policy').count({ n: '*' }).first()) as { n: number }).n)
      const docs = Number(((await b.db('osago_document').count({ n: '*' }).first()) as { n: number }).n)
      if (pulled !== CONTRACTS || docs !== CONTRACTS)
        throw new Error(
          `the new device holds ${pulled} policies and ${docs} documents of ${CONTRACTS}: ${await lastError(b)}`,
        )
      pullRates.push((pulled + docs) / seconds)
      console.log(
        `1.${run + 1} ${pushLine}; pull of ${pulled + docs} records onto a new device in ${seconds.toFixed(2)} s → ${Math.round((pulled + docs) / seconds)} records/s, ${Math.round(CONTRACTS / seconds)} contracts/s`,
      )
      console.log(
        `    CPU per 1,000 records: push ${cpuLine(pushCpu, changes)}; pull ${cpuLine(pullCpu, pulled + docs)}`,
      )
      for (const d of [a, b]) {
        await d.db.destroy()
        devices.splice(devices.indexOf(d), 1)
        rmSync(d.dir, { recursive: true, force: true })
      }
    }
    const push = spread(pushRates)
    const pull = spread(pullRates)
    console.log(
      `1. Contracts (${CONTRACTS} per run = ${2 * CONTRACTS} records, ${RUNS} runs), records/s: push ${fmt(push)}; pull ${fmt(pull)}` +
        ` (contracts/s: push median ${Math.round(push.median / 2)}, pull median ${Math.round(pull.median / 2)})`,
    )

    // 2. Photos (bench/sync/photos.ts): through the app beside a raw upload of the same bytes.
    let photoFigures: Pick<Figures, 'photoMBps' | 'rawUploadMBps'> = { photoMBps: null, rawUploadMBps: null }
    if (STEPS.has('photos')) {
      failAt('photos')
      mark('photos-start')
      const photoDir = join(work, 'photos')
      const photoList: string[] = []
      const source: BlobSource = { name: 'photos', list: async () => [...photoList], path: (s) => join(photoDir, s) }
      const p = await device('photos', { blobSources: [source] })
      devices.push(p)
      await enrol(hqDb, hq.url, p, 'BENCH-PHOTOS')
      const photos = await benchPhotos({
        work,
        photoDir,
        totalMb: PHOTO_MB,
        photoMb: PHOTO_SIZE_MB,
        runs: RUNS,
        appCpu: cpu,
        mark,
        log: (line) => console.log(line),
        appUpload: async (files) => {
          photoList.splice(0, photoList.length, ...files.map((f) => f.sha256))
          if (!(await p.engine.syncNow())) throw new Error(`photo sync failed: ${await lastError(p)}`)
          const stored = await count(hqDb, (db) =>
            db('hq_blob')
              .where({ branch_code: 'BENCH-PHOTOS', complete: true })
              .whereIn(
                'sha256',
                files.map((f) => f.sha256),
              ),
          )
          if (stored !== files.length) throw new Error(`HQ holds ${stored} of ${files.length} photos`)
        },
      })
      mark('photos-end')
      console.log(
        `2. Photos (${photos.mb.toFixed(0)} MB per run, ${RUNS} runs), MB/s: app ${fmt(photos.app, 1)}; raw upload ${fmt(photos.raw, 1)}; ` +
          `median ratio ${(photos.photoMBps / photos.rawUploadMBps).toFixed(2)}×`,
      )

      photoFigures = {
        photoMBps: Number(photos.photoMBps.toFixed(1)),
        rawUploadMBps: Number(photos.rawUploadMBps.toFixed(1)),
      }
    }

    // 3. Load: many devices at once.
    if (STEPS.has('load')) {
      failAt('load')
      const latencies: number[] = []
      const timed: Fetch = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
        const t0 = performance.now()
        const res = await fetch(input, init)
        const body = await res.arrayBuffer()
        if (String(input instanceof Request ? input.url : input).includes('/v1/push'))
          latencies.push(performance.now() - t0)
        return new Response(body, { status: res.status, headers: res.headers })
      }) as Fetch
      const fleet: BenchDevice[] = []
      for (let i = 0; i < DEVICES; i++) {
        // Fifty devices in this one process stand for fifty computers: fifty checkpoint threads here would load this
        // machine, not HQ, so these checkpoint as SQLite does by itself (a few small commits each).
        const d = await device(`load-${i}`, { fetch: timed, checkpointWorker: false })
        const author = await enrol(hqDb, hq.url, d, `LOAD-${String(i).padStart(2, '0')}`)
        await write(d.db, author, 'bench', new Date(), async (w) => {
          for (let j = 0; j < PER_DEVICE; j++) {
            const policy = await w.insert('osago_policy', {
              status: 'draft',
              insured_name: `Клиент ${j}`,
              conclusion_date: today,
            })
            await w.insert('osago_document', { id: policy.id, draft, calculation: null })
          }
        })
        // Smaller batches than a real backlog would use, so each device makes several requests during the run.
        ;(d.engine as unknown as { opts: { batchSize: number } }).opts.batchSize = 50
        fleet.push(d)
        devices.push(d)
      }
      latencies.length = 0
      const started = performance.now()
      const results = await Promise.all(fleet.map((d) => d.engine.syncNow()))
      const seconds = (performance.now() - started) / 1000
      const failed = results.filter((ok) => !ok).length
      let lost = 0
      for (const d of fleet) lost += await pending(d)
      const total = DEVICES * PER_DEVICE
      const arrived = Number(
        (
          (await hqDb('hq_record')
            .where('branch_code', 'like', 'LOAD-%')
            .where({ entity: 'osago_policy' })
            .count({ n: '*' })
            .first()) as { n: string }
        ).n,
      )
      const logged = Number(
        (
          (await hqDb('hq_change')
            .where('branch_code', 'like', 'LOAD-%')
            .where({ entity: 'osago_policy' })
            .count({ n: '*' })
            .first()) as { n: string }
        ).n,
      )
      console.log(
        `3. Load: ${DEVICES} devices × ${PER_DEVICE} contracts syncing at once: ${total} changes in ${seconds.toFixed(2)} s → ${Math.round(total / seconds)} changes/s; ` +
          `push latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} pushes; ` +
          `failed runs ${failed}, left unsent ${lost}, at HQ ${arrived}/${total} records, ${logged} log entries (exactly once: ${arrived === total && logged === total ? 'yes' : 'NO'})`,
      )
      if (failed || lost || arrived !== total || logged !== total) process.exitCode = 1
    }
    return {
      pushRecordsPerSec: Math.round(push.median),
      pullRecordsPerSec: Math.round(pull.median),
      ...photoFigures,
    }
  } finally {
    await stopAll()
  }
}

/** CPU milliseconds per 1,000 records on each side (bench/sync/cpuTime.ts): comparable across a loaded machine. */
function cpuLine(c: CpuSample, records: number): string {
  const per = (s: number) => ((s * 1000 * 1000) / records).toFixed(0)
  return `HQ ${per(c.hq)} ms, PostgreSQL ${per(c.postgres)} ms, device ${per(c.device)} ms`
}

async function lastError(d: BenchDevice): Promise<string> {
  return (
    (await d.engine.status()).lastError?.params.message?.toString() ??
    JSON.stringify((await d.engine.status()).lastError)
  )
}

main().then(
  (figures) => {
    // The last line, for scripts: medians of the runs (records/s, MB/s).
    if (JSON_OUT) console.log(JSON.stringify(figures))
  },
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
