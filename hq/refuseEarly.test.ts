import { connect, type Socket } from 'node:net'
import { uuidv7 } from 'uuidv7'
import { afterEach, describe, expect, it } from 'vitest'
import type { Change, PushResponse } from '../shared/sync/protocol'
import { loadConfig, type HqLimits } from './config'
import { branchRow, enrolOverHttp, insertChange, staffRow } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'

/**
 * Issue 13, "refuse early": a hostile or broken client is refused before HQ reads what it sends, cannot hold
 * sockets open by trickling, cannot flood HQ, and cannot store a record every device of its branch would pull.
 * Real HTTP on loopback; raw sockets where what the server reads or closes is the point.
 */
const running: RunningHq[] = []
afterEach(async () => {
  for (const hq of running.splice(0)) await hq.close()
})
async function hqWith(limits: Partial<HqLimits> = {}, blobChunkMax?: number): Promise<RunningHq> {
  const hq = await startHq({ limits, ...(blobChunkMax ? { blobChunkMax } : {}) })
  running.push(hq)
  return hq
}

/** Server-side sockets, to read how many bytes HQ actually took off each connection. */
function serverSockets(hq: RunningHq): Socket[] {
  const sockets: Socket[] = []
  hq.app.server.on('connection', (s: Socket) => sockets.push(s))
  return sockets
}

const PIECE = Buffer.alloc(64 * 1024, 0x20)

/**
 * Sends request headers announcing `length` body bytes, then the body as fast as the socket takes it, until it
 * is all sent or the server closes. Resolves with the status line's code, when it came, and what was written.
 */
function rawPush(
  url: string,
  length: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; ms: number; written: number }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const started = Date.now()
    let status = 0
    let ms = 0
    let written = 0
    let text = ''
    const s = connect(Number(port), hostname)
    s.on('data', (d: Buffer) => {
      text += d.toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text)
      if (m && !status) {
        status = Number(m[1])
        ms = Date.now() - started
      }
    })
    s.on('error', () => undefined)
    s.on('close', () => resolve({ status, ms, written }))
    s.on('connect', () => {
      const head = Object.entries({ 'content-type': 'application/json', ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')
      s.write(`POST /v1/push HTTP/1.1\r\nhost: hq\r\ncontent-length: ${length}\r\n${head}\r\n`)
      const pump = () => {
        while (written < length && !s.destroyed) {
          const piece = PIECE.subarray(0, Math.min(PIECE.length, length - written))
          written += piece.length
          if (!s.write(piece)) return void s.once('drain', pump)
        }
        if (written >= length) s.end()
      }
      pump()
    })
  })
}

describe('the token is checked before the body is read', () => {
  it('16 unauthenticated 30 MB pushes: each answered 401 at once, their bodies not read, memory not grown by them', async () => {
    const hq = await hqWith()
    const sockets = serverSockets(hq)
    const size = 30 * 1024 * 1024
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    const answers = await Promise.all(Array.from({ length: 16 }, () => rawPush(hq.url, size)))
    const rssAfter = process.memoryUsage().rss
    for (const a of answers) {
      expect(a.status).toBe(401)
      expect(a.ms).toBeLessThan(3000)
    }
    expect(sockets).toHaveLength(16)
    // Before: HQ read and parsed each 30 MB body, then checked the token (RSS 144 → 1,258 MB in the issue).
    for (const s of sockets) expect(s.bytesRead).toBeLessThan(2 * 1024 * 1024)
    expect(rssAfter - rssBefore).toBeLessThan(150 * 1024 * 1024)
  }, 60_000)

  it('a bad token is refused the same way; a good one is not', async () => {
    const hq = await hqWith()
    const { token } = await enrolOverHttp(hq)
    const bad = await rawPush(hq.url, 8 * 1024 * 1024, { authorization: 'Bearer nope-nope-nope' })
    expect(bad.status).toBe(401)
    const good = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ changes: [] }),
    })
    expect(good.status).toBe(400) // read and judged: an empty batch is not the protocol
  })
})

describe('timeouts from configuration', () => {
  /** Opens a socket, sends `first`, then one more byte every `everyMs`; resolves with ms until the server closed it. */
  function trickle(url: string, first: string, everyMs: number, giveUpMs: number): Promise<number | null> {
    const { hostname, port } = new URL(url)
    return new Promise((resolve) => {
      const started = Date.now()
      const s = connect(Number(port), hostname)
      let timer: NodeJS.Timeout | undefined
      const giveUp = setTimeout(() => {
        clearInterval(timer)
        s.destroy()
        resolve(null)
      }, giveUpMs)
      s.on('error', () => undefined)
      s.on('data', () => undefined)
      s.on('close', () => {
        clearInterval(timer)
        clearTimeout(giveUp)
        resolve(Date.now() - started)
      })
      s.on('connect', () => {
        if (first) s.write(first)
        if (everyMs > 0) timer = setInterval(() => !s.destroyed && s.write('x'), everyMs)
      })
    })
  }

  it('trickling headers, a trickling body, a silent socket and an idle kept-alive socket are all closed', async () => {
    const hq = await hqWith({
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      keepAliveTimeoutMs: 300,
      connectionTimeoutMs: 800,
    })
    const { token } = await enrolOverHttp(hq)
    const bodyHead = `POST /v1/push HTTP/1.1\r\nhost: hq\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`
    const idleHead = `GET /v1/health HTTP/1.1\r\nhost: hq\r\n\r\n`
    const giveUp = 4000
    const closed = await Promise.all([
      ...Array.from({ length: 20 }, () => trickle(hq.url, 'GET /v1/health HTTP/1.1\r\nX-Slow: ', 100, giveUp)),
      ...Array.from({ length: 20 }, () => trickle(hq.url, bodyHead, 100, giveUp)),
      ...Array.from({ length: 5 }, () => trickle(hq.url, '', 0, giveUp)),
      ...Array.from({ length: 5 }, () => trickle(hq.url, idleHead, 0, giveUp)),
    ])
    // Before: nothing was closed (no request timeout; Node's 60 s header timeout checked every 30 s; 72 s keep-alive).
    expect(closed.filter((ms) => ms === null)).toHaveLength(0)
    for (const ms of closed) expect(ms).toBeLessThan(2500)
  }, 20_000)
})

describe('body limits per route', () => {
  it('413 over the route limit: enrolment and other small routes, a push, a blob chunk', async () => {
    const hq = await hqWith({ bodyMax: 2048, pushBodyMax: 64 * 1024 }, 4096)
    const { token } = await enrolOverHttp(hq)
    const auth = { authorization: `Bearer ${token}` }
    const enrolBig = await fetch(`${hq.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'AAAA-AAAA-AAAA-AAAA', deviceName: 'x'.repeat(3000), branch: null }),
    })
    expect(enrolBig.status).toBe(413)
    const sha = 'a'.repeat(64)
    const beginBig = await fetch(`${hq.url}/v1/blobs/${sha}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ size: 1, pad: 'x'.repeat(3000) }),
    })
    expect(beginBig.status).toBe(413)
    const pushBig = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ changes: [], pad: 'x'.repeat(70 * 1024) }),
    })
    expect(pushBig.status).toBe(413)
    const pushFits = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ changes: [], pad: 'x'.repeat(30 * 1024) }),
    })
    expect(pushFits.status).toBe(400) // read, then refused by the protocol — not by size
    const chunkBig = await fetch(`${hq.url}/v1/blobs/${sha}?offset=0&size=10`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(5000),
    })
    expect(chunkBig.status).toBe(413)
  })
})

describe('per-device rate limit', () => {
  it('429 with Retry-After past the configured rate, counted per device', async () => {
    const hq = await hqWith({ deviceRequestsPerMinute: 5 })
    const a = await enrolOverHttp(hq, 'MSK-01')
    const b = await enrolOverHttp(hq, 'SPB-01')
    const whoami = (token: string) => fetch(`${hq.url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } })
    for (let i = 0; i < 5; i++) expect((await whoami(a.token)).status).toBe(200)
    const limited = await whoami(a.token)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ error: { code: 'rate-limited' } })
    expect((await whoami(b.token)).status).toBe(200)
  })
})

describe('pushes in flight per device', () => {
  /** A push whose headers are in and whose body never finishes: it stays in flight until the socket closes. */
  function heldPush(url: string, token: string): Promise<Socket> {
    const { hostname, port } = new URL(url)
    return new Promise((resolve) => {
      const s = connect(Number(port), hostname, () => {
        s.write(
          `POST /v1/push HTTP/1.1\r\nhost: hq\r\ncontent-type: application/json\r\n` +
            `authorization: Bearer ${token}\r\ncontent-length: 100000\r\n\r\n{"changes":[`,
        )
        resolve(s)
      })
      s.on('error', () => undefined)
    })
  }
  const emptyPush = (url: string, token: string) =>
    fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ changes: [] }),
    })

  it('one device gets at most the configured number at once; another device is not affected; a closed one frees its place', async () => {
    const hq = await hqWith({ devicePushesInFlight: 2 })
    const a = await enrolOverHttp(hq)
    const b = await enrolOverHttp(hq, 'SPB-01')
    const held = [await heldPush(hq.url, a.token), await heldPush(hq.url, a.token)]
    await new Promise((r) => setTimeout(r, 300))
    const third = await emptyPush(hq.url, a.token)
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('1')
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too-many-pushes')
    expect((await emptyPush(hq.url, b.token)).status).toBe(400) // read and judged: another device's place
    for (const s of held) s.destroy()
    await new Promise((r) => setTimeout(r, 300))
    expect((await emptyPush(hq.url, a.token)).status).toBe(400)
  })
})

describe('behind a balancer', () => {
  const attempt = (url: string, from: string) =>
    fetch(`${url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'pc' }),
    })

  it('with TRUST_PROXY the enrolment limit counts each device’s address, not the balancer’s', async () => {
    const hq = await startHq({ enrolAttemptsPerMinute: 2, trustProxy: ['127.0.0.1'] })
    running.push(hq)
    // Judged (and refused: no such code) until the address's allowance is spent.
    expect((await attempt(hq.url, '10.1.1.1')).status).not.toBe(429)
    expect((await attempt(hq.url, '10.1.1.1')).status).not.toBe(429)
    expect((await attempt(hq.url, '10.1.1.1')).status).toBe(429)
    expect((await attempt(hq.url, '10.2.2.2')).status).not.toBe(429) // another branch's computer, same balancer
  })

  it('without it, every request comes from the balancer: one address, one allowance', async () => {
    const hq = await startHq({ enrolAttemptsPerMinute: 2 })
    running.push(hq)
    await attempt(hq.url, '10.1.1.1')
    await attempt(hq.url, '10.1.1.1')
    expect((await attempt(hq.url, '10.2.2.2')).status).toBe(429)
  })
})

describe('per-record size limit', () => {
  async function push(hq: RunningHq, token: string, changes: Change[]): Promise<PushResponse> {
    const res = await fetch(`${hq.url}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ changes }),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as PushResponse
  }

  it('a 20 MB field: that change is rejected record-too-large, the rest of the batch is accepted', async () => {
    const hq = await hqWith()
    const { token, branchId } = await enrolOverHttp(hq)
    const admin = uuidv7()
    const big = uuidv7()
    const batch = [
      insertChange('branch', branchRow(branchId, 'MSK-01')),
      // The bootstrap admin's insert has no author (hq/authorship.ts); the admin then creates the others.
      insertChange('staff', staffRow(admin, branchId, 'admin')),
      insertChange('staff', staffRow(big, branchId, 'big', { full_name: 'я'.repeat(10 * 1024 * 1024) }), admin),
      insertChange('staff', staffRow(uuidv7(), branchId, 'clerk'), admin),
    ]
    const { results } = await push(hq, token, batch)
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'accepted'])
    const rejected = results[2]!
    expect(rejected).toMatchObject({ status: 'rejected', reason: { code: 'record-too-large' } })
    if (rejected.status !== 'rejected') throw new Error('unreachable')
    expect(rejected.reason.params.limit).toBe(1024 * 1024)
    expect(Number(rejected.reason.params.size)).toBeGreaterThan(20 * 1024 * 1024)
    expect(await hq.db('hq_record').where({ entity: 'staff', id: big }).first()).toBeUndefined()
    // The answer is kept like any other: the same change sent again gets it, and nothing more is stored.
    const again = await push(hq, token, [batch[2]!])
    expect(again.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'record-too-large' } })
  }, 60_000)

  it('a per-entity limit replaces the general one for its entity', async () => {
    const hq = await hqWith({ recordMax: 100_000, recordMaxByEntity: { staff: 2000 } })
    const { token, branchId } = await enrolOverHttp(hq)
    const admin = uuidv7()
    const { results } = await push(hq, token, [
      insertChange('branch', branchRow(branchId, 'MSK-01', { name: 'Ф'.repeat(1500) })),
      insertChange('staff', staffRow(admin, branchId, 'admin', { full_name: 'Ж'.repeat(1500) })),
    ])
    expect(results[0]).toMatchObject({ status: 'accepted' })
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: { code: 'record-too-large', params: { limit: 2000 } },
    })
  })
})

describe('configuration', () => {
  it('reads every limit from the environment, with defaults, and refuses a push limit below what devices send', () => {
    const base = { HQ_DATA_DIR: '/tmp/hq-config-test' }
    const d = loadConfig(base).limits
    expect(d).toMatchObject({ bodyMax: 16 * 1024, pushBodyMax: 32 * 1024 * 1024, recordMax: 1024 * 1024 })
    const c = loadConfig({
      ...base,
      BODY_MAX: '4096',
      RECORD_MAX: '5000',
      RECORD_MAX_BY_ENTITY: 'osago_document=65536, staff=2000',
      REQUEST_TIMEOUT_MS: '61000',
      HEADERS_TIMEOUT_MS: '90000',
      CONNECTION_TIMEOUT_MS: '60000',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      DEVICE_REQUESTS_PER_MINUTE: '7',
    }).limits
    expect(c).toMatchObject({
      bodyMax: 4096,
      recordMax: 5000,
      recordMaxByEntity: { osago_document: 65536, staff: 2000 },
      requestTimeoutMs: 61000,
      headersTimeoutMs: 61000,
      deviceRequestsPerMinute: 7,
    })
    expect(() => loadConfig({ ...base, PUSH_BODY_MAX: '1000' })).toThrow(/PUSH_BODY_MAX/)
    expect(() => loadConfig({ ...base, RECORD_MAX_BY_ENTITY: 'staff=lots' })).toThrow(/RECORD_MAX_BY_ENTITY/)
    // A typo, a limit that refuses everything, seconds typed for milliseconds, a socket shorter than a push's wait.
    expect(() => loadConfig({ ...base, RECORD_MAX_BY_ENTITY: 'audit_log=65536' })).toThrow(/not a synced entity/)
    expect(() => loadConfig({ ...base, RECORD_MAX_BY_ENTITY: 'staff=0' })).toThrow(/256/)
    expect(() => loadConfig({ ...base, REQUEST_TIMEOUT_MS: '120' })).toThrow(/milliseconds/)
    expect(() => loadConfig({ ...base, CONNECTION_TIMEOUT_MS: '30000' })).toThrow(/PUSH_ORDER_WAIT_MS/)
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
    ])
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig(base).trustProxy).toBe(false)
  })
})
