import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ManualClock } from '../../core/app/clock'
import { openDatabase, type Db } from '../../core/db/openDatabase'
import { SYSTEM_ACTOR, write } from '../../core/db/write'
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

/**
 * `npm run bench:sync`: HQ as its own process on PostgreSQL (a throwaway cluster, or DATABASE_URL), devices over
 * loopback HTTP.
 *  1. 10,000 OSAGO contracts pushed and acknowledged → records/s.
 *  2. 200 MB of photos uploaded in chunks, hashed by HQ → MB/s.
 *  3. Load: 50 devices syncing at once → throughput, p95 push latency, and a check that nothing was lost.
 * Sizes can be lowered for a quick look: BENCH_CONTRACTS, BENCH_PHOTO_MB, BENCH_DEVICES, BENCH_CHANGES_PER_DEVICE.
 */
const ROOT = resolve(import.meta.dirname, '..', '..')
const RESOURCES = join(ROOT, 'resources')
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000)
const PHOTO_MB = Number(process.env.BENCH_PHOTO_MB ?? 200)
const PHOTO_SIZE_MB = 4
const DEVICES = Number(process.env.BENCH_DEVICES ?? 50)
const PER_DEVICE = Number(process.env.BENCH_CHANGES_PER_DEVICE ?? 200)

const reference = loadReferenceData({ bundledDir: RESOURCES })
const work = mkdtempSync(join(tmpdir(), 'bd-bench-'))
let template = ''

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
  opts: { fetch?: Fetch; blobSources?: BlobSource[]; chunkSize?: number } = {},
): Promise<BenchDevice> {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  copyFileSync(template, join(dir, 'branch-desk.sqlite'))
  const db = await openDatabase(join(dir, 'branch-desk.sqlite'))
  const engine = new SyncEngine({
    db,
    dataDir: dir,
    resourcesDir: RESOURCES,
    reference,
    clock: new ManualClock(new Date()),
    secrets: plainFileSecretStore(join(dir, 'secrets')),
    batchSize: 500,
    pageSize: 1000,
    deviceName: name,
    ...opts,
  })
  return { db, engine, dir }
}

async function enrol(hqDb: HqDb, hqUrl: string, d: BenchDevice, branch: string): Promise<void> {
  await ensureBranch(hqDb, { code: branch, name: branch, city: 'Москва' }, new Date())
  await write(d.db, SYSTEM_ACTOR, 'setup', new Date(), (w) =>
    w.insert('branch', { code: branch, name: branch, city: 'Москва' }),
  )
  await d.engine.enrol({ hqUrl, code: (await issueEnrolmentCode(hqDb, branch, new Date(), 1)).code }, 'existing-branch')
  if (!(await d.engine.syncNow())) throw new Error(`first sync of ${branch} failed`)
}

async function pending(d: BenchDevice): Promise<number> {
  return Number(((await d.db('outbox').whereNull('sent_at').count({ n: '*' }).first()) as { n: number }).n)
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!

async function main(): Promise<void> {
  const cluster = process.env.DATABASE_URL ? null : await startPgCluster()
  const url = process.env.DATABASE_URL ?? (await cluster!.createDatabase('bench'))
  const port = await freePort()
  // Every simulated device enrols from this one loopback address: lift the per-address enrolment limit.
  const hq = await startHqProcess(
    {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      BLOB_DIR: join(work, 'hq-blobs'),
      BLOB_CHUNK_MAX: String(8 * 1024 * 1024),
      ENROL_ATTEMPTS_PER_MINUTE: '10000',
    },
    port,
  )
  const hqDb = await openHqDatabase({ client: 'pg', url }, { migrate: false, poolMax: 4 })
  template = join(work, 'template.sqlite')
  const t = await openDatabase(template)
  await t.raw('PRAGMA wal_checkpoint(TRUNCATE)')
  await t.destroy()
  console.log(
    `HQ on PostgreSQL (${cluster ? 'throwaway cluster' : 'DATABASE_URL'}) at ${hq.url}; Node ${process.version}`,
  )

  try {
    // 1. Contracts.
    const photosDir = join(work, 'photos')
    mkdirSync(photosDir, { recursive: true })
    const photos: string[] = []
    const source: BlobSource = { name: 'photos', list: async () => [...photos], path: (s) => join(photosDir, s) }
    const a = await device('contracts', { blobSources: [source], chunkSize: 4 * 1024 * 1024 })
    await enrol(hqDb, hq.url, a, 'BENCH-A')
    const today = todayIn('Europe/Moscow', new Date())
    const draft = completeDraft(today)
    // A contract is its hot row and its document (migration 20261205000015).
    await write(a.db, SYSTEM_ACTOR, 'bench', new Date(), async (w) => {
      for (let i = 0; i < CONTRACTS; i++) {
        const policy = await w.insert('osago_policy', {
          status: 'draft',
          insured_name: `Смирнов ${i}`,
          search_text: `смирнов ${i}`,
          conclusion_date: today,
        })
        await w.insert('osago_document', { id: policy.id, draft, calculation: null })
      }
    })
    const bytesPerRecord = JSON.stringify(draft).length
    let started = performance.now()
    if (!(await a.engine.syncNow())) throw new Error('contract sync failed')
    let seconds = (performance.now() - started) / 1000
    if ((await pending(a)) !== 0) throw new Error('contracts left unsent')
    const atHq = Number(
      (
        (await hqDb('hq_record')
          .where({ entity: 'osago_policy', branch_code: 'BENCH-A' })
          .count({ n: '*' })
          .first()) as { n: string }
      ).n,
    )
    if (atHq !== CONTRACTS) throw new Error(`HQ holds ${atHq} of ${CONTRACTS} contracts`)
    console.log(
      `\n1. Contracts: ${CONTRACTS} pushed and acknowledged in ${seconds.toFixed(2)} s → ${Math.round(CONTRACTS / seconds)} records/s (≈${(bytesPerRecord / 1024).toFixed(1)} KB each, batches of 500)`,
    )

    // 2. Photos.
    const count = Math.max(1, Math.round(PHOTO_MB / PHOTO_SIZE_MB))
    for (let i = 0; i < count; i++) {
      const bytes = randomBytes(PHOTO_SIZE_MB * 1024 * 1024)
      const sha = createHash('sha256').update(bytes).digest('hex')
      writeFileSync(join(photosDir, sha), bytes)
      photos.push(sha)
    }
    started = performance.now()
    if (!(await a.engine.syncNow())) throw new Error('photo sync failed')
    seconds = (performance.now() - started) / 1000
    const stored = Number(
      (
        (await hqDb('hq_blob').where({ branch_code: 'BENCH-A', complete: true }).count({ n: '*' }).first()) as {
          n: string
        }
      ).n,
    )
    if (stored !== count) throw new Error(`HQ holds ${stored} of ${count} photos`)
    const mb = count * PHOTO_SIZE_MB
    console.log(
      `2. Photos: ${mb} MB (${count} × ${PHOTO_SIZE_MB} MB, 4 MB chunks, SHA-256 checked by HQ) in ${seconds.toFixed(2)} s → ${(mb / seconds).toFixed(1)} MB/s`,
    )

    // 3. Load: many devices at once.
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
      const d = await device(`load-${i}`, { fetch: timed })
      await enrol(hqDb, hq.url, d, `LOAD-${String(i).padStart(2, '0')}`)
      await write(d.db, SYSTEM_ACTOR, 'bench', new Date(), async (w) => {
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
    }
    latencies.length = 0
    started = performance.now()
    const results = await Promise.all(fleet.map((d) => d.engine.syncNow()))
    seconds = (performance.now() - started) / 1000
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
    for (const d of [a, ...fleet]) await d.db.destroy()
  } finally {
    await hqDb.destroy()
    await hq.stop()
    await cluster?.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
