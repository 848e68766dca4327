import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BlobSource } from '../core/sync/blobSync'
import { plainFileSecretStore } from '../core/sync/secretStore'
import { TOKEN_SECRET } from '../core/sync/syncState'
import { establishBranch, makeDevice, type Device } from '../core/sync/testing/syncHarness'
import { ensureBranch, issueEnrolmentCode } from './admin'
import { FolderBlobStore } from './blobs'
import { openHqDatabase, type HqDb } from './db'
import type { NationalRegister, PolicyForRegister } from './national/nationalRegister'
import { writeRecords } from './records'
import { registerPending } from './registrationWorker'
import { startHqProcess, type HqProcess } from './testing/hqProcess'
import { startPgCluster, type PgCluster } from './testing/pgCluster'
import { startRoundRobinProxy, type RoundRobinProxy } from './testing/roundRobinProxy'

/**
 * Issue 13: several HQ processes (`npm run hq`, as in production) on one PostgreSQL and one shared blob folder,
 * behind a balancer that sends each request to the next instance. Whatever one process used to keep in memory
 * (the order of a device's pipelined batches, an upload's progress, the register worker's queue) must hold when
 * the requests of one device alternate between them.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
let pg: PgCluster
let url = ''
let work = ''
let instances: HqProcess[] = []
let proxy: RoundRobinProxy
let admin: HqDb
const devices: Device[] = []

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

beforeAll(async () => {
  pg = await startPgCluster()
  url = await pg.createDatabase('multi')
  work = mkdtempSync(join(tmpdir(), 'bd-multi-'))
  const env = {
    DATABASE_URL: url,
    BLOB_DIR: join(work, 'blobs'),
    LOG_LEVEL: 'warn',
    ENROL_ATTEMPTS_PER_MINUTE: '10000',
    // A lost predecessor is not part of this test: a batch that waited this long means the order is broken.
    PUSH_ORDER_WAIT_MS: '10000',
  }
  // Started together, as a deployment starts them: both migrate the same empty database at once.
  instances = await Promise.all([startHqProcess(env, await freePort()), startHqProcess(env, await freePort())])
  proxy = await startRoundRobinProxy(instances.map((i) => i.url))
  admin = await openHqDatabase({ client: 'pg', url }, { migrate: false })
}, 120_000)

afterAll(async () => {
  for (const d of devices.splice(0)) await d.dispose().catch(() => undefined)
  await proxy?.close()
  for (const i of instances) await i.stop().catch(() => undefined)
  await admin?.destroy()
  await pg?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

async function device(opts: Parameters<typeof makeDevice>[0] = {}): Promise<Device> {
  const d = await makeDevice(opts)
  devices.push(d)
  return d
}

const code = async (branch: string) => {
  await ensureBranch(admin, { code: branch, name: `Филиал ${branch}`, city: 'Москва' }, new Date())
  return (await issueEnrolmentCode(admin, branch, new Date(), 7)).code
}

const receive = (d: Device, from: number, to: number) =>
  d.ok(
    'blanks/receive-range',
    { series: 'ААК', fromNumber: String(from).padStart(10, '0'), toNumber: String(to).padStart(10, '0') },
    'admin',
  )

async function expectExactlyOnce(d: Device): Promise<number> {
  const outbox = (await d.core.db('outbox').select('change_id', 'outcome')) as Array<{
    change_id: string
    outcome: string | null
  }>
  expect(outbox.filter((r) => r.outcome !== 'accepted')).toEqual([])
  const logged = (await admin('hq_change')
    .whereIn(
      'change_id',
      outbox.map((r) => r.change_id),
    )
    .select('change_id', 'status')) as Array<{ change_id: string; status: string }>
  expect(logged).toHaveLength(outbox.length)
  expect(new Set(logged.map((r) => r.change_id)).size).toBe(outbox.length)
  expect(logged.every((r) => r.status === 'accepted')).toBe(true)
  return outbox.length
}

const blanksOf = async (d: Device) =>
  ((await d.core.db('policy_blank').orderBy('number').select('number')) as Array<{ number: string }>).map(
    (b) => b.number,
  )

describe('several HQ instances on one PostgreSQL behind a round-robin balancer', () => {
  it('devices push, pull and upload photos through either: every change once, every blob readable through both', async () => {
    const filesDir = join(work, 'device-files')
    mkdirSync(filesDir, { recursive: true })
    const files = [randomBytes(300_000), randomBytes(150_000), randomBytes(10)]
    const held = files.map((f) => {
      writeFileSync(join(filesDir, sha(f)), f)
      return sha(f)
    })
    const source: BlobSource = { name: 'photos', list: async () => held, path: (s) => join(filesDir, s) }
    // Small batches and chunks, so one sync makes many requests and each instance gets some of every kind.
    const a = await device({ sync: { batchSize: 7, blobSources: [source], chunkSize: 64 * 1024 } })
    await establishBranch(a, 'MSK-01')
    await a.ok('sync/enrol', { hqUrl: proxy.url, code: await code('MSK-01'), deviceName: 'A' }, 'admin')
    await receive(a, 1, 120)
    expect(await a.core.sync.syncNow()).toBe(true)
    expect(await a.ok('sync/get-status', undefined, 'admin')).toMatchObject({ pendingChanges: 0, pendingFiles: 0 })

    // A second computer of the branch pulls everything through the balancer, then adds its own.
    const b = await device({ sync: { batchSize: 5 } })
    await b.ok('sync/enrol-new-device', { hqUrl: proxy.url, code: await code('MSK-01'), deviceName: 'B' })
    await b.ok('session/sign-in', { login: 'admin', password: 'Admin12345' }, 'admin')
    await receive(b, 121, 170)
    expect(await b.core.sync.syncNow()).toBe(true)
    expect(await a.core.sync.syncNow()).toBe(true)
    const expected = Array.from({ length: 170 }, (_, i) => String(i + 1).padStart(10, '0'))
    expect(await blanksOf(a)).toEqual(expected)
    expect(await blanksOf(b)).toEqual(expected)

    // Another branch at the same time as the first one's devices.
    const c = await device({ sync: { batchSize: 6 } })
    await establishBranch(c, 'SPB-01')
    await c.ok('sync/enrol', { hqUrl: proxy.url, code: await code('SPB-01'), deviceName: 'C' }, 'admin')
    await receive(c, 1001, 1060) // blank numbers are unique across branches
    await receive(a, 171, 230)
    const both = await Promise.all([c.core.sync.syncNow(), a.core.sync.syncNow()])
    expect(both).toEqual([true, true])

    let changes = 0
    for (const d of [a, b, c]) changes += await expectExactlyOnce(d)
    expect(Number(((await admin('hq_change').count({ n: '*' }).first()) as { n: string }).n)).toBe(changes)
    expect(
      Number(
        ((await admin('hq_record').where({ entity: 'policy_blank' }).count({ n: '*' }).first()) as { n: string }).n,
      ),
    ).toBe(230 + 60)

    // Both instances served pushes (pipelined batches of one device), pulls and upload chunks.
    for (const kind of [
      (s: { method: string; path: string }) => s.method === 'POST' && s.path === '/v1/push',
      (s: { method: string; path: string }) => s.method === 'GET' && s.path === '/v1/pull',
      (s: { method: string; path: string }) => s.method === 'PUT' && s.path.startsWith('/v1/blobs/'),
    ])
      expect(new Set(proxy.seen.filter(kind).map((s) => s.upstream))).toEqual(new Set([0, 1]))

    // Every photo complete, the same bytes through either instance.
    const token = await plainFileSecretStore(join(a.dir, 'secrets')).get(TOKEN_SECRET)
    for (const f of files) {
      expect(
        await admin('hq_blob')
          .where({ branch_code: 'MSK-01', sha256: sha(f) })
          .first(),
      ).toMatchObject({
        complete: true,
      })
      for (const instance of instances) {
        const res = await fetch(`${instance.url}/v1/blobs/${sha(f)}/content`, {
          headers: { authorization: `Bearer ${token}` },
        })
        expect(res.status).toBe(200)
        expect(Buffer.from(await res.arrayBuffer()).equals(f)).toBe(true)
      }
    }
  }, 120_000)
})

describe('what the instances share, called from two connection pools at once', () => {
  it('two instances running the national-register worker register each policy once', async () => {
    const dbUrl = await pg.createDatabase('register_twice')
    const one = await openHqDatabase({ client: 'pg', url: dbUrl })
    const two = await openHqDatabase({ client: 'pg', url: dbUrl }, { migrate: false })
    try {
      const now = new Date('2026-12-05T10:00:00Z')
      await ensureBranch(one, { code: 'MSK-01', name: 'MSK-01', city: 'Москва' }, now)
      const ids = Array.from({ length: 40 }, (_, i) => `policy-${String(i).padStart(3, '0')}`)
      await one.transaction(async (trx) => {
        await writeRecords(
          trx,
          ids.map((id) => ({
            entity: 'osago_policy',
            id,
            branchCode: 'MSK-01',
            rowVersion: 1,
            data: { id, status: 'issued', policy_series: 'ХХХ', policy_number: id.slice(-3) },
            naturalKey: null,
            isNew: true,
            deviceId: null,
          })),
          now.toISOString(),
        )
        await trx('hq_registration_queue').insert(
          ids.map((id) => ({ policy_id: id, branch_code: 'MSK-01', enqueued_at: now.toISOString() })),
        )
      })
      const calls: string[] = []
      // Each call takes a moment, as the real register does: the two workers overlap for the whole queue.
      const register: NationalRegister = {
        name: 'counting',
        async register(p: PolicyForRegister) {
          calls.push(p.policyId)
          await new Promise((r) => setTimeout(r, 5))
          return { status: 'registered', registrationId: `R-${p.policyId}`, registeredAt: now.toISOString() }
        },
      }
      const worker = async (db: HqDb) => {
        let total = 0
        for (let n = -1; n !== 0; total += n) n = await registerPending(db, register, now, 8)
        return total
      }
      const [byOne, byTwo] = await Promise.all([worker(one), worker(two)])
      expect(byOne + byTwo).toBe(ids.length)
      expect(byOne).toBeGreaterThan(0)
      expect(byTwo).toBeGreaterThan(0)
      expect([...calls].sort()).toEqual(ids)
      expect(await one('hq_registration_queue')).toHaveLength(0)
      expect(await one('hq_record').where({ entity: 'osago_registration' })).toHaveLength(ids.length)
    } finally {
      await one.destroy()
      await two.destroy()
    }
  })

  /** Two instances' blob stores: each its own connection pool, one database and one shared folder. */
  async function twoStores(name: string) {
    const dbUrl = await pg.createDatabase(name)
    const one = await openHqDatabase({ client: 'pg', url: dbUrl })
    const two = await openHqDatabase({ client: 'pg', url: dbUrl }, { migrate: false })
    const dir = join(work, name)
    await ensureBranch(one, { code: 'MSK-01', name: 'MSK-01', city: 'Москва' }, new Date())
    return {
      a: new FolderBlobStore(one, dir),
      b: new FolderBlobStore(two, dir),
      dir,
      close: async () => {
        await one.destroy()
        await two.destroy()
      },
    }
  }

  it('chunks of one upload at different instances, the same chunk at two at once: one consistent file', async () => {
    const { a, b, close } = await twoStores('blobs_shared')
    try {
      const now = new Date()
      const data = randomBytes(3 * 256 * 1024)
      const hash = sha(data)
      const piece = (from: number, to: number) => data.subarray(from, to)
      await Promise.all([
        a.begin('MSK-01', 'dev', hash, data.length, now),
        b.begin('MSK-01', 'dev', hash, data.length, now),
      ])
      // The first chunk sent to both at once (a retry while the first attempt is still being read).
      const K = 256 * 1024
      const slowly = async function* (bytes: Buffer) {
        for (let i = 0; i < bytes.length; i += 16 * 1024) {
          yield bytes.subarray(i, i + 16 * 1024)
          await new Promise((r) => setImmediate(r))
        }
      }
      const first = await Promise.allSettled([
        a.appendStream('MSK-01', hash, 0, K, slowly(piece(0, K)), now),
        b.appendStream('MSK-01', hash, 0, K, slowly(piece(0, K)), now),
      ])
      expect(first.some((r) => r.status === 'fulfilled')).toBe(true)
      expect(await b.status('MSK-01', hash)).toMatchObject({ received: K, complete: false })
      // The next chunks alternate: the second instance did not see the first bytes and hashes the file at the end.
      expect(await b.append('MSK-01', hash, K, piece(K, 2 * K), now)).toMatchObject({ received: 2 * K })
      // The last chunk at both at once: both answer complete (one renamed the file, the other finds it done).
      const last = await Promise.allSettled([
        a.appendStream('MSK-01', hash, 2 * K, K, slowly(piece(2 * K, 3 * K)), now),
        b.appendStream('MSK-01', hash, 2 * K, K, slowly(piece(2 * K, 3 * K)), now),
      ])
      expect(last.map((r) => (r.status === 'fulfilled' ? r.value.complete : r.reason))).toEqual([true, true])
      for (const store of [a, b]) {
        const { path, size } = await store.file('MSK-01', hash)
        expect(size).toBe(data.length)
        expect(readFileSync(path).equals(data)).toBe(true)
      }
      // A late duplicate of the last chunk at the other instance changes nothing.
      expect(await b.append('MSK-01', hash, 2 * K, piece(2 * K, 3 * K), now)).toMatchObject({ complete: true })
    } finally {
      await close()
    }
  })

  it('the last chunk still arriving at one instance when the other has completed the file: both answer complete', async () => {
    const { a, b, close } = await twoStores('blobs_renamed')
    try {
      const now = new Date()
      const data = randomBytes(2 * 64 * 1024)
      const hash = sha(data)
      const K = 64 * 1024
      await a.begin('MSK-01', 'dev', hash, data.length, now)
      await a.append('MSK-01', hash, 0, data.subarray(0, K), now)
      // The second instance never saw the first bytes (no running hash): it hashes the part file when its chunk ends
      // — which the first instance has renamed by then (CI met this as ENOENT, session 12).
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let started!: () => void
      const reading = new Promise<void>((r) => (started = r))
      const late = (async function* () {
        started() // past its row's read and the part file's open: reading the body
        yield data.subarray(K, K + 1024)
        await held
        yield data.subarray(K + 1024, 2 * K)
      })()
      const second = b.appendStream('MSK-01', hash, K, K, late, now)
      await reading
      expect(await a.append('MSK-01', hash, K, data.subarray(K, 2 * K), now)).toMatchObject({ complete: true })
      release()
      expect(await second).toMatchObject({ complete: true, received: data.length })
      const { path } = await b.file('MSK-01', hash)
      expect(readFileSync(path).equals(data)).toBe(true)
    } finally {
      await close()
    }
  })
})
