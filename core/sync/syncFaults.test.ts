import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ManualClock } from '../app/clock'
import { startPgCluster, type PgCluster } from '../../hq/testing/pgCluster'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { startHqProcess, type HqProcess } from '../../hq/testing/hqProcess'
import { startCutProxy } from '../../hq/testing/cutProxy'
import { ensureBranch, issueEnrolmentCode } from '../../hq/admin'
import { openHqDatabase } from '../../hq/db'
import type { BlobSource } from './blobSync'
import type { Fetch } from './hqClient'
import { TOKEN_SECRET } from './syncState'
import { plainFileSecretStore } from './secretStore'
import { establishBranch, faultyFetch, makeDevice, outboxState, type Device, type Fault } from './testing/syncHarness'

/**
 * Faults, on a real PostgreSQL cluster: duplicate delivery, answers lost after HQ committed, HQ killed with
 * SIGKILL mid-push, a device clock two hours wrong, HQ down while 1,000 changes queue, the connection cut in the
 * middle of an upload. In every case each change arrives exactly once.
 */
let pg: PgCluster
let n = 0
beforeAll(async () => {
  pg = await startPgCluster()
}, 60_000)
afterAll(async () => {
  await pg?.stop()
})

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
async function device(opts: Parameters<typeof makeDevice>[0] = {}): Promise<Device> {
  const d = await makeDevice(opts)
  cleanups.push(() => d.dispose())
  return d
}
async function hqInProcess(): Promise<RunningHq> {
  const hq = await startHq({ databaseUrl: await pg.createDatabase(`faults_${++n}`) })
  cleanups.push(() => hq.close())
  return hq
}
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

/** Every outbox row of the device is in HQ's log exactly once, and HQ holds each record at the version its accepted changes make. */
async function expectExactlyOnce(db: RunningHq['db'], d: Device): Promise<void> {
  const outbox = (await d.core.db('outbox').select('change_id', 'outcome')) as Array<{
    change_id: string
    outcome: string | null
  }>
  expect(outbox.every((r) => r.outcome === 'accepted')).toBe(true)
  const logged = (await db('hq_change')
    .whereIn(
      'change_id',
      outbox.map((r) => r.change_id),
    )
    .select('change_id', 'status')) as Array<{ change_id: string; status: string }>
  expect(logged).toHaveLength(outbox.length)
  expect(new Set(logged.map((r) => r.change_id)).size).toBe(outbox.length)
  const versions = (await db('hq_change')
    .where({ status: 'accepted' })
    .groupBy('entity', 'entity_id')
    .select('entity', 'entity_id')
    .count({ n: '*' })) as Array<{ entity: string; entity_id: string; n: string | number }>
  for (const v of versions) {
    const rec = (await db('hq_record').where({ entity: v.entity, id: v.entity_id }).first('row_version')) as {
      row_version: number
    }
    expect(rec.row_version).toBe(Number(v.n))
  }
}

async function enrolled(
  hqUrl: string,
  db: RunningHq['db'],
  opts: Parameters<typeof makeDevice>[0] = {},
): Promise<Device> {
  const d = await device(opts)
  await establishBranch(d)
  await ensureBranch(db, { code: 'MSK-01', name: 'Тверской', city: 'Москва' }, new Date())
  const { code } = await issueEnrolmentCode(db, 'MSK-01', new Date(), 7)
  await d.ok('sync/enrol', { hqUrl, code, deviceName: 'A' }, 'admin')
  return d
}

const secretOf = (d: Device) => plainFileSecretStore(join(d.dir, 'secrets')).get(TOKEN_SECRET)

const receive = (d: Device, from: number, to: number) =>
  d.ok(
    'blanks/receive-range',
    { series: 'ААК', fromNumber: String(from).padStart(10, '0'), toNumber: String(to).padStart(10, '0') },
    'admin',
  )

describe('delivery faults', () => {
  it('duplicate delivery of every push and answers lost after commit: each change is applied once', async () => {
    const hq = await hqInProcess()
    let pushes = 0
    const plan: Fault[] = ['lose-answer', 'duplicate', 'lose-answer', 'duplicate', 'duplicate']
    const transport = faultyFetch((url) => (url.pathname === '/v1/push' ? (plan[pushes++] ?? 'none') : 'none'))
    const d = await enrolled(hq.url, hq.db, { sync: { fetch: transport, batchSize: 50 } })
    await receive(d, 1, 120)
    const results: boolean[] = []
    for (let i = 0; i < 4; i++) results.push(await d.core.sync.syncNow())
    expect(results).toEqual([false, false, true, true])
    expect(await outboxState(d)).toEqual({ pending: 0, accepted: 122, other: 0 })
    await expectExactlyOnce(hq.db, d)
  })

  it('pipelined push: the answer to batch k lost — batches from k on stay unsent, the next run sends them again in order', async () => {
    const hq = await hqInProcess()
    let pushes = 0
    let loseAnswerOf = -1
    let open = 0
    let mostOpen = 0
    const sent: Array<{ run: string | undefined; index: number | undefined; ids: string[] }> = []
    const transport = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      if (url.pathname !== '/v1/push') return fetch(input, init)
      const body = JSON.parse(String(init?.body)) as {
        changes: Array<{ changeId: string }>
        place?: { run: string; index: number }
      }
      const n = pushes++
      sent.push({ run: body.place?.run, index: body.place?.index, ids: body.changes.map((c) => c.changeId) })
      open++
      mostOpen = Math.max(mostOpen, open)
      try {
        const res = await fetch(input, init)
        const text = await res.text()
        // HQ applied it; the device never hears so.
        if (n === loseAnswerOf) throw new TypeError('fetch failed (fault: answer lost)')
        return new Response(text, { status: res.status, headers: res.headers })
      } finally {
        open--
      }
    }) as Fetch
    const d = await enrolled(hq.url, hq.db, { sync: { fetch: transport, batchSize: 10 } })
    expect(await d.core.sync.syncNow()).toBe(true)
    await receive(d, 1, 60)
    const queued = (
      (await d.core.db('outbox').whereNull('sent_at').orderBy('seq').select('change_id')) as Array<{
        change_id: string
      }>
    ).map((r) => r.change_id)
    expect(queued.length).toBeGreaterThanOrEqual(60)
    const k = 2
    sent.length = 0
    loseAnswerOf = pushes + k
    mostOpen = 0
    expect(await d.core.sync.syncNow()).toBe(false)
    // The pipeline ran ahead (two batches in flight at once), in order, one run, indexes 0, 1, 2…
    expect(mostOpen).toBe(2)
    expect(new Set(sent.map((b) => b.run)).size).toBe(1)
    expect(sent.map((b) => b.index)).toEqual(sent.map((_, i) => i))
    expect(sent.flatMap((b) => b.ids)).toEqual(queued.slice(0, sent.flatMap((b) => b.ids).length))
    // Only what HQ acknowledged is marked: batches 0 and 1. Batch k and the one sent behind it stay unsent.
    const marked = (await d.core
      .db('outbox')
      .whereIn('change_id', queued)
      .whereNotNull('sent_at')
      .select('change_id')) as Array<{
      change_id: string
    }>
    expect(new Set(marked.map((r) => r.change_id))).toEqual(new Set(queued.slice(0, k * 10)))
    expect(sent.length).toBeGreaterThan(k + 1)

    sent.length = 0
    loseAnswerOf = -1
    expect(await d.core.sync.syncNow()).toBe(true)
    // The next run starts at batch k and sends everything after it in the order it was made.
    expect(sent.flatMap((b) => b.ids)).toEqual(queued.slice(k * 10))
    expect(await outboxState(d)).toMatchObject({ pending: 0, other: 0 })
    await expectExactlyOnce(hq.db, d)
  })

  it('a device clock two hours fast and another two hours slow change nothing: cursors are HQ positions, not times', async () => {
    const hq = await hqInProcess()
    const fast = new ManualClock(new Date(Date.now() + 2 * 3_600_000))
    const a = await enrolled(hq.url, hq.db, { clock: fast })
    await receive(a, 1, 30)
    expect(await a.core.sync.syncNow()).toBe(true)
    const slow = new ManualClock(new Date(Date.now() - 2 * 3_600_000))
    const b = await device({ clock: slow })
    const { code } = await issueEnrolmentCode(hq.db, 'MSK-01', new Date(), 7)
    await b.ok('sync/enrol-new-device', { hqUrl: hq.url, code, deviceName: 'B' })
    expect(await b.core.db('policy_blank').count({ n: '*' }).first()).toMatchObject({ n: 30 })
    await b.ok('session/sign-in', { login: 'admin', password: 'Admin12345' }, 'admin')
    await b.ok('blanks/receive-range', { series: 'ААК', fromNumber: '0000000031', toNumber: '0000000040' }, 'admin')
    expect(await b.core.sync.syncNow()).toBe(true)
    expect(await a.core.sync.syncNow()).toBe(true)
    expect(await a.core.db('policy_blank').count({ n: '*' }).first()).toMatchObject({ n: 40 })
    await expectExactlyOnce(hq.db, a)
    await expectExactlyOnce(hq.db, b)
    // HQ stamps arrival with its own clock; the device's time travels as data only.
    const logged = (await hq.db('hq_change').orderBy('received_at').first()) as {
      received_at: string
      changed_at: string
    }
    expect(Math.abs(Date.parse(logged.received_at) - Date.now())).toBeLessThan(60_000)
    expect(Date.parse(logged.changed_at) - Date.parse(logged.received_at)).toBeGreaterThan(3_500_000)
    expect((await a.ok('sync/get-status', undefined, 'admin')).lastError).toBeNull()
  })

  it('HQ down while 1,000 changes queue up: backoff grows, then everything arrives once', async () => {
    const hq = await hqInProcess()
    const d = await enrolled(hq.url, hq.db, { sync: { backoff: { baseMs: 1_000, maxMs: 60_000 } } })
    expect(await d.core.sync.syncNow()).toBe(true)
    await hq.app.close()
    await receive(d, 1, 1000)
    const delays: number[] = []
    for (let i = 0; i < 4; i++) {
      expect(await d.core.sync.syncNow()).toBe(false)
      delays.push(d.core.sync.backoffDelay())
    }
    expect(delays[0]).toBeGreaterThanOrEqual(800)
    expect(delays[3]).toBeGreaterThanOrEqual(6_400) // 1 s × 2³ with −20 % jitter at most
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({
      state: 'offline',
      online: false,
      pendingChanges: 1000,
    })
    const back = await startHq({
      databaseUrl: (hq.db.client.config as { connection: string }).connection,
      port: Number(new URL(hq.url).port),
    })
    cleanups.push(() => back.close())
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({
      state: 'idle',
      online: true,
      pendingChanges: 0,
    })
    expect(await back.db('hq_record').where({ entity: 'policy_blank' }).count({ n: '*' }).first()).toMatchObject({
      n: '1000',
    })
    await expectExactlyOnce(back.db, d)
  })

  it('background sync probes HQ with growing pauses while it is down and sends on its own once it answers', async () => {
    const hq = await hqInProcess()
    const port = Number(new URL(hq.url).port)
    const dbUrl = (hq.db.client.config as { connection: string }).connection
    const d = await enrolled(hq.url, hq.db, { sync: { backoff: { baseMs: 100, maxMs: 2_000 }, intervalMs: 60_000 } })
    await hq.app.close()
    await receive(d, 1, 5)
    // Every run the scheduler starts, with its time and outcome.
    const started = Date.now()
    const runs: Array<{ at: number; ok: boolean }> = []
    const original = d.core.sync.syncNow.bind(d.core.sync)
    d.core.sync.syncNow = async () => {
      const ok = await original()
      runs.push({ at: Date.now() - started, ok })
      return ok
    }
    d.core.sync.start()
    await expect.poll(() => runs.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4)
    expect(runs.every((r) => !r.ok)).toBe(true)
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at)
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!) // the pauses grow
    expect((await d.ok('sync/get-status', undefined, 'admin')).nextAttemptAt).not.toBeNull()
    const back = await startHq({ databaseUrl: dbUrl, port })
    cleanups.push(() => back.close())
    await expect.poll(() => runs.at(-1)?.ok, { timeout: 15_000 }).toBe(true)
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({
      pendingChanges: 0,
      state: 'idle',
      online: true,
    })
    await d.core.sync.stop()
  })

  it('HQ killed with SIGKILL in the middle of a push: after the restart every change is there exactly once', async () => {
    const url = await pg.createDatabase(`faults_${++n}`)
    const port = await freePort()
    let proc: HqProcess = await startHqProcess({ DATABASE_URL: url }, port)
    cleanups.push(() => proc.kill())
    const db = await openHqDatabase({ client: 'pg', url }, { migrate: false, poolMax: 2 })
    cleanups.push(() => db.destroy())
    let pushes = 0
    let killed: Promise<void> | null = null
    const transport: Fetch = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const u = new URL(String(input instanceof Request ? input.url : input))
      if (u.pathname === '/v1/push' && ++pushes === 4) {
        const pending = fetch(input, init)
        killed = new Promise<void>((r) => setTimeout(() => void proc.kill().then(r), 3))
        return pending
      }
      return fetch(input, init)
    }) as Fetch
    const d = await enrolled(proc.url, db, { sync: { fetch: transport, batchSize: 100 } })
    await receive(d, 1, 1000)
    expect(await d.core.sync.syncNow()).toBe(false)
    await killed
    expect(proc.child.signalCode).toBe('SIGKILL')
    const sentBefore = await outboxState(d)
    expect(sentBefore.pending).toBeGreaterThan(0)
    proc = await startHqProcess({ DATABASE_URL: url }, port)
    expect(await d.core.sync.syncNow()).toBe(true)
    await expectExactlyOnce(db, d)
    expect(await db('hq_record').where({ entity: 'policy_blank' }).count({ n: '*' }).first()).toMatchObject({
      n: '1000',
    })
    // Structured logs: one JSON object per line, with the device on authenticated requests.
    const lines = proc
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.find((l) => l.msg === 'push applied')).toMatchObject({
      deviceId: expect.any(String),
      branch: 'MSK-01',
    })
  }, 60_000)

  it('the connection cut at 60 % of an upload resumes from there; HQ checks the hash; another device downloads it with progress', async () => {
    const hq = await hqInProcess()
    const proxy = await startCutProxy({ host: '127.0.0.1', port: Number(new URL(hq.url).port) })
    cleanups.push(() => proxy.close())
    const offsets: number[] = []
    const transport = faultyFetch((url, method) => {
      if (method === 'PUT') offsets.push(Number(url.searchParams.get('offset')))
      return 'none'
    })
    const filesDir = join(tmpdir(), `bd-files-${process.pid}-${n}`)
    mkdirSync(filesDir, { recursive: true })
    cleanups.push(async () => rmSync(filesDir, { recursive: true, force: true }))
    // What the device's file-keeping feature holds; the test adds files as it goes.
    const held: string[] = []
    const source: BlobSource = { name: 'test-files', list: async () => [...held], path: (s) => join(filesDir, s) }
    const addFile = (bytes: Buffer, name = createHash('sha256').update(bytes).digest('hex')) => {
      writeFileSync(join(filesDir, name), bytes)
      held.push(name)
      return name
    }
    const chunk = 128 * 1024
    const d = await enrolled(proxy.url, hq.db, { sync: { fetch: transport, blobSources: [source], chunkSize: chunk } })
    addFile(randomBytes(2 * 1024 * 1024))
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({ pendingFiles: 0 })

    // A second file, cut in the middle: 60 % of it goes through, then the cable is pulled.
    const big = randomBytes(3 * 1024 * 1024)
    const bigSha = addFile(big)
    offsets.length = 0
    proxy.arm(Math.floor(big.length * 0.6))
    expect(await d.core.sync.syncNow()).toBe(false)
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({
      state: 'offline',
      pendingFiles: 1,
      pendingFileBytes: big.length,
    })
    const hqHolds = (await (
      await fetch(`${hq.url}/v1/blobs/${bigSha}`, { headers: { authorization: `Bearer ${await secretOf(d)}` } })
    ).json()) as { received: number }
    expect(hqHolds.received).toBeGreaterThan(big.length * 0.45)
    expect(hqHolds.received).toBeLessThan(big.length * 0.65)
    const resumedFrom = offsets.length
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(offsets[resumedFrom]).toBe(hqHolds.received)
    expect(await d.ok('sync/get-status', undefined, 'admin')).toMatchObject({ pendingFiles: 0, transfer: null })

    // The supervisor's machine fetches it on demand, with progress, and gets exactly these bytes.
    const b = await device()
    const { code } = await issueEnrolmentCode(hq.db, 'MSK-01', new Date(), 7)
    await b.ok('sync/enrol-new-device', { hqUrl: hq.url, code, deviceName: 'B' })
    await b.ok('session/sign-in', { login: 'admin', password: 'Admin12345' }, 'admin')
    const progress = vi.spyOn(b.core.sync, 'setTransfer')
    const got = await b.ok('sync/download-file', { sha256: bigSha }, 'admin')
    expect(got.size).toBe(big.length)
    const seen = progress.mock.calls.map(([t]) => t?.done ?? null)
    expect(seen.at(-1)).toBeNull()
    expect(seen.at(-2)).toBe(big.length)
    expect(seen.filter((x) => x !== null).length).toBeGreaterThan(1)
    expect(
      createHash('sha256')
        .update(readFileSync(join(b.dir, 'downloads', bigSha)))
        .digest('hex'),
    ).toBe(bigSha)
    expect(await b.call('sync/download-file', { sha256: 'f'.repeat(64) }, 'admin')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })

    // Bytes that do not match their name are refused by HQ's hash check; the file is reported, sync goes on.
    const fake = addFile(randomBytes(1000), 'a'.repeat(64))
    expect(await d.core.sync.syncNow()).toBe(true)
    const status = await d.ok('sync/get-status', undefined, 'admin')
    expect(status).toMatchObject({ pendingFiles: 0, issues: { total: 1 } })
    expect((await d.ok('sync/list-issues', undefined, 'admin')).items[0]).toMatchObject({
      kind: 'rejected',
      entity: 'file',
      entityId: fake,
      reasonKey: 'sync.reasons.blob-hash-mismatch',
    })
  }, 60_000)
})
