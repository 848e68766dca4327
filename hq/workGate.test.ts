import { uuidv7 } from 'uuidv7'
import { afterEach, describe, expect, it } from 'vitest'
import type { Change } from '../shared/sync/protocol'
import { loadConfig } from './config'
import { startHq, type RunningHq } from './testing/hqHarness'
import { HqBusyError, WorkGate } from './workGate'

/** A promise and the function that settles it: a unit of work a test finishes when it chooses. */
function held(): { promise: Promise<void>; release: () => void } {
  let release = () => undefined as void
  const promise = new Promise<void>((r) => (release = r))
  return { promise, release }
}

describe('WorkGate', () => {
  it('lets `concurrency` units work at once and the rest start in arrival order', async () => {
    const gate = new WorkGate({ concurrency: 2, maxWaitMs: 60_000 })
    const order: string[] = []
    const units = ['a', 'b', 'c', 'd'].map((name) => ({ name, ...held() }))
    const runs = units.map((u) =>
      gate.run(async () => {
        order.push(`start ${u.name}`)
        await u.promise
      }),
    )
    await Promise.resolve()
    expect(gate.state).toMatchObject({ active: 2, queued: 2 })
    expect(order).toEqual(['start a', 'start b'])
    units[1]!.release()
    await runs[1]
    await new Promise((r) => setImmediate(r))
    expect(order).toEqual(['start a', 'start b', 'start c'])
    for (const u of units) u.release()
    await Promise.all(runs)
    expect(order).toEqual(['start a', 'start b', 'start c', 'start d'])
    expect(gate.state).toMatchObject({ active: 0, queued: 0 })
  })

  it('a failing unit frees its place', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaitMs: 60_000 })
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(gate.state).toMatchObject({ active: 0, queued: 0 })
    await expect(gate.run(() => Promise.resolve(7))).resolves.toBe(7)
  })

  it('refuses at once, with a Retry-After of at least the queue’s drain time, when the wait would be too long', async () => {
    let t = 0
    const gate = new WorkGate({ concurrency: 1, maxWaitMs: 250, initialHoldMs: 100, now: () => t, random: () => 0.5 })
    expect(gate.expectedWaitMs()).toBe(0)
    gate.admit() // a free place: no wait
    const first = held()
    const running = gate.run(() => first.promise)
    // One working, none queued: a newcomer waits one unit (100 ms).
    expect(gate.expectedWaitMs()).toBe(100)
    gate.admit()
    const queued = [held(), held()]
    const waiting = queued.map((h) => gate.run(() => h.promise))
    // Two queued: a newcomer waits three units (300 ms) > 250 → busy.
    expect(gate.expectedWaitMs()).toBe(300)
    let refusal: unknown = null
    try {
      gate.admit()
    } catch (e) {
      refusal = e
    }
    expect(refusal).toBeInstanceOf(HqBusyError)
    expect(refusal).toMatchObject({ status: 503, code: 'hq-busy' })
    // 0.3 s to drain, spread by (1 + 0.5), rounded up to whole seconds, at least 1.
    expect((refusal as HqBusyError).retryAfterSeconds).toBe(1)
    // Measured holds move the estimate: each unit now takes 2 s.
    t = 0
    first.release()
    t = 2000
    await running
    expect(gate.state.holdMs).toBeCloseTo(0.9 * 100 + 0.1 * 2000, 5)
    for (const h of queued) h.release()
    await Promise.all(waiting)
  })

  it('refused requests are told to come back one after another at the rate HQ works them off, not all at once', () => {
    const gate = new WorkGate({ concurrency: 4, maxWaitMs: 0, initialHoldMs: 200, now: () => 0, random: () => 0 })
    for (let i = 0; i < 4; i++) void gate.run(() => new Promise(() => undefined))
    const seconds: number[] = []
    for (let i = 0; i < 100; i++) {
      try {
        gate.admit()
      } catch (e) {
        seconds.push((e as HqBusyError).retryAfterSeconds)
      }
    }
    expect(seconds).toHaveLength(100)
    // 4 at once, 200 ms each, a fifth kept for newcomers: one appointment every 62.5 ms after the 200 ms wait.
    expect(seconds.slice(0, 12).every((s) => s === 1)).toBe(true)
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]!).toBeGreaterThanOrEqual(seconds[i - 1]!)
    expect(seconds[99]).toBe(Math.ceil((200 + 100 * 62.5) / 1000))
  })

  it('never lets more than `concurrency` work at once under a random load', async () => {
    const gate = new WorkGate({ concurrency: 3, maxWaitMs: 60_000 })
    let now = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gate.run(async () => {
          now++
          peak = Math.max(peak, now)
          await new Promise((r) => setTimeout(r, (i * 7) % 5))
          now--
        }),
      ),
    )
    expect(peak).toBe(3)
  })
})

describe('configuration', () => {
  it('DB_WORK_MAX leaves two PostgreSQL connections for token checks and turns; SQLite has one; both can be set', () => {
    const pg = { DATABASE_URL: 'postgres://hq@127.0.0.1/hq' }
    expect(loadConfig(pg)).toMatchObject({ dbWorkMax: 8, queueWaitMaxMs: 1000 })
    expect(loadConfig({ ...pg, DB_POOL_MAX: '30' }).dbWorkMax).toBe(28)
    expect(loadConfig({ ...pg, DB_POOL_MAX: '2' }).dbWorkMax).toBe(1)
    expect(loadConfig({}).dbWorkMax).toBe(1)
    expect(loadConfig({ ...pg, DB_WORK_MAX: '4', QUEUE_WAIT_MAX_MS: '250' })).toMatchObject({
      dbWorkMax: 4,
      queueWaitMaxMs: 250,
    })
    expect(() => loadConfig({ QUEUE_WAIT_MAX_MS: '0' })).toThrow(/QUEUE_WAIT_MAX_MS/)
  })
})

describe('HQ behind its work gate (real HTTP, SQLite)', () => {
  const running: RunningHq[] = []
  afterEach(async () => {
    for (const hq of running.splice(0)) await hq.close()
  })

  const now = new Date().toISOString()
  const change = (entity: string, data: Record<string, unknown>, changedBy: string | null = null): Change => ({
    changeId: uuidv7(),
    entity,
    entityId: String(data.id),
    op: 'insert',
    rowVersion: 1,
    data: { created_at: now, updated_at: now, row_version: 1, ...data },
    changedAt: now,
    changedBy,
  })
  const staff = (id: string, branchId: string, login: string) => ({
    id,
    branch_id: branchId,
    login,
    full_name: `Сотрудник ${login}`,
    role: 'admin',
    password_hash: 'scrypt$…',
    active: true,
    must_change_password: false,
  })

  it('answers a run’s first push and a pull busy (503, Retry-After, nothing applied) while the queue is full; a later batch of a run already let in waits instead', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaitMs: 10, initialHoldMs: 100 })
    const hq = await startHq({ gate })
    running.push(hq)
    const code = await hq.enrolmentCode('MSK-01')
    const branchId = uuidv7()
    const enrolled = await fetch(`${hq.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'pc', branch: { id: branchId, code: 'MSK-01', name: 'n', city: 'c' } }),
    })
    const { token } = (await enrolled.json()) as { token: string }
    /** `index`: the x-push-index header a device of this version sends; absent for a device of an earlier one. */
    const send = (body: unknown, index?: string) =>
      fetch(`${hq.url}/v1/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(index !== undefined ? { 'x-push-index': index } : {}),
        },
        body: JSON.stringify(body),
      })
    const admin = uuidv7()
    const first = [
      change('branch', { id: branchId, code: 'MSK-01', name: 'Филиал', city: 'Москва', time_zone: 'Europe/Moscow' }),
      change('staff', staff(admin, branchId, 'admin')),
    ]
    const second = [change('staff', staff(uuidv7(), branchId, 'clerk'), admin)]
    const run = uuidv7()

    // Something else holds the only place: one newcomer would wait 100 ms > 10 ms.
    const blocker = held()
    const blocking = gate.run(() => blocker.promise)
    const busyPush = await send({ changes: first, place: { run, index: 0 } }, '0')
    expect(busyPush.status).toBe(503)
    expect(Number(busyPush.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await busyPush.json()).toMatchObject({ error: { code: 'hq-busy' } })
    const busyPull = await fetch(`${hq.url}/v1/pull?cursor=0&limit=10`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(busyPull.status).toBe(503)
    // A device of an earlier version (no header) is refused too, after its body is read.
    expect((await send({ changes: first, place: { run, index: 0 } })).status).toBe(503)
    // A first batch cannot pass as a later one.
    expect((await send({ changes: first, place: { run, index: 0 } }, '1')).status).toBe(400)
    expect(
      await hq.db('hq_change').whereIn(
        'change_id',
        first.map((c) => c.changeId),
      ),
    ).toEqual([])

    // The run's second batch is not refused: it waits for its turn (the first batch, sent again below).
    const laterBatch = send({ changes: second, place: { run, index: 1 } }, '1')
    await new Promise((r) => setTimeout(r, 50))
    blocker.release()
    await blocking
    const again = await send({ changes: first, place: { run, index: 0 } }, '0')
    expect(again.status).toBe(200)
    const later = await laterBatch
    expect(later.status).toBe(200)
    const statuses = ((await later.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)
    expect(statuses).toEqual(['accepted'])
    expect(
      await hq.db('hq_change').whereIn(
        'change_id',
        [...first, ...second].map((c) => c.changeId),
      ),
    ).toHaveLength(3)
  }, 30_000)
})
