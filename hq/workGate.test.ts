import { uuidv7 } from 'uuidv7'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from './config'
import { branchRow, enrolOverHttp, insertChange, staffRow } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'
import { Appointments } from './appointments'
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

describe('WorkGate appointments (decision 88)', () => {
  const secret = Buffer.alloc(32, 7)
  const alice = 'Bearer alice-token'
  const bob = 'Bearer bob-token'
  /** A gate whose one place is held and whose clock the test moves: every newcomer would wait too long. */
  function busyGate(opts: { validMs?: number; book?: Appointments } = {}) {
    const clock = { t: 1_000_000 }
    const book = opts.book ?? new Appointments({ secret, validMs: opts.validMs ?? 5_000 })
    const gate = new WorkGate({
      concurrency: 1,
      maxWaitMs: 150,
      initialHoldMs: 100,
      appointments: book,
      now: () => clock.t,
      random: () => 0,
    })
    const blocker = held()
    const blocking = gate.run(() => blocker.promise)
    const queued = held()
    // One working and one queued: a newcomer would wait two units (200 ms) > 150 ms.
    const waiting = gate.run(() => queued.promise)
    return { gate, clock, book, blocker, blocking, queued, waiting }
  }
  const refusal = (f: () => unknown): HqBusyError => {
    try {
      f()
    } catch (e) {
      if (e instanceof HqBusyError) return e
      throw e
    }
    throw new Error('expected a busy answer')
  }

  it('a refused device returning with its token at its time is let in ahead of newcomers and never refused again', async () => {
    const { gate, clock, blocker, blocking, queued, waiting } = busyGate()
    const first = refusal(() => gate.admit({ authorization: alice }))
    expect(first.appointment).toMatch(/^a1\./)
    expect(first.retryAfterSeconds).toBe(1)
    // The device waits out Retry-After; the queue is as long as it was, newcomers are still refused...
    clock.t += first.retryAfterSeconds * 1000
    expect(refusal(() => gate.admit({ authorization: bob })).status).toBe(503)
    // ...but the returning request is let in, however long the queue, into the lane served first.
    expect(gate.admit({ authorization: alice, appointment: first.appointment })).toBe('returning')
    const order: string[] = []
    const newcomer = gate.run(async () => void order.push('newcomer'), 'newcomer')
    const returning = gate.run(async () => void order.push('returning'), 'returning')
    expect(gate.state).toMatchObject({ active: 1, queued: 3, returning: 1 })
    blocker.release()
    await blocking
    await new Promise((r) => setImmediate(r))
    // The returning request went ahead of the newcomer queued before it, and of the one queued before that.
    expect(order).toEqual(['returning'])
    queued.release()
    await Promise.all([waiting, newcomer, returning])
    expect(order).toEqual(['returning', 'newcomer'])
  })

  it('a forged, altered, another device’s, early, expired or already used token is no appointment: the request is a newcomer', () => {
    const { gate, clock } = busyGate({ validMs: 5_000 })
    const token = refusal(() => gate.admit({ authorization: alice })).appointment!
    const [v, at, nonce, mac] = token.split('.') as [string, string, string, string]
    // Early: before its time a token counts for nothing (and stays usable).
    expect(refusal(() => gate.admit({ authorization: alice, appointment: token })).status).toBe(503)
    clock.t = parseInt(at, 36)
    const asNewcomer = (appointment: string, authorization = alice) =>
      expect(refusal(() => gate.admit({ authorization, appointment })).status).toBe(503)
    // Signed by another key (an instance with a secret of its own).
    const foreign = new Appointments({ secret: Buffer.alloc(32, 8), validMs: 5_000 }).issue(clock.t, alice)
    asNewcomer(foreign)
    // Moved in time, another nonce, a mangled signature, garbage, another device's header.
    asNewcomer([v, (parseInt(at, 36) - 60_000).toString(36), nonce, mac].join('.'))
    asNewcomer([v, at, 'AAAAAAAAAAAA', mac].join('.'))
    asNewcomer([v, at, nonce, mac.slice(0, -2) + (mac.endsWith('A') ? 'BB' : 'AA')].join('.'))
    asNewcomer('not-a-token')
    asNewcomer(token, bob)
    // Valid once; the same token again is a newcomer.
    expect(gate.admit({ authorization: alice, appointment: token })).toBe('returning')
    asNewcomer(token)
    // Expired: past its time + validMs.
    clock.t += 1
    const late = refusal(() => gate.admit({ authorization: alice })).appointment!
    clock.t = parseInt(late.split('.')[1]!, 36) + 5_001
    asNewcomer(late)
  })

  it('instances sharing the secret honour each other’s appointments, each once', () => {
    const a = busyGate()
    const b = busyGate({ book: new Appointments({ secret, validMs: 5_000 }) })
    const token = refusal(() => a.gate.admit({ authorization: alice })).appointment!
    b.clock.t = a.clock.t + 1000
    expect(b.gate.admit({ authorization: alice, appointment: token })).toBe('returning')
    expect(refusal(() => b.gate.admit({ authorization: alice, appointment: token })).status).toBe(503)
  })

  it('appointments are handed out at the rate HQ works, and newcomers count the ones due before them', () => {
    const clock = { t: 0 }
    const gate = new WorkGate({
      concurrency: 4,
      maxWaitMs: 1000,
      initialHoldMs: 200,
      appointments: new Appointments({ secret, validMs: 30_000 }),
      now: () => clock.t,
      random: () => 0,
    })
    for (let i = 0; i < 24; i++) void gate.run(() => new Promise(() => undefined))
    // 4 working, 20 queued: a newcomer would wait ceil(21/4) × 200 = 1,200 ms > 1 s.
    expect(gate.expectedWaitMs()).toBe(1200)
    const refused = Array.from({ length: 40 }, () => refusal(() => gate.admit({ authorization: alice })))
    const times = refused.map((r) => parseInt(r.appointment!.split('.')[1]!, 36))
    // The first after the 1.2 s wait, every next one 62.5 ms later (4 at a time, 200 ms each, a fifth spare).
    expect(times[0]).toBe(Math.floor(1200 + 62.5))
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(62)
    expect(times[39]! - times[0]!).toBe(Math.floor(1262.5 + 39 * 62.5) - 1262)
    // Retry-After never sends a device back before its appointment.
    for (const [i, r] of refused.entries()) expect(r.retryAfterSeconds * 1000).toBeGreaterThanOrEqual(times[i]!)
    // At 1.1 s the devices told "2 s" (appointments up to 2,000 ms: 12 of them) are due within the next second and
    // will go ahead of a newcomer: ceil((20 + 12 + 1) / 4) × 200 ms.
    clock.t = 1100
    const dueBy2s = times.filter((t) => t <= 2000).length
    expect(dueBy2s).toBe(12)
    expect(gate.expectedWaitMs()).toBe(Math.ceil((20 + dueBy2s + 1) / 4) * 200)
    // Once every told time has passed (they came back or gave up), only the queue counts again.
    clock.t = 10_000
    expect(gate.expectedWaitMs()).toBe(1200)
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
    // Appointments: off by default (decision 88), on for as long as told; a shared key must be long enough to be a key.
    expect(loadConfig({})).toMatchObject({ appointmentValidMs: 0, appointmentSecret: null })
    expect(loadConfig({ APPOINTMENT_VALID_MS: '30000' }).appointmentValidMs).toBe(30_000)
    expect(loadConfig({ APPOINTMENT_SECRET: 'k'.repeat(32) }).appointmentSecret).toBe('k'.repeat(32))
    expect(() => loadConfig({ APPOINTMENT_SECRET: 'short' })).toThrow(/APPOINTMENT_SECRET/)
  })
})

describe('HQ behind its work gate (real HTTP, SQLite)', () => {
  const running: RunningHq[] = []
  afterEach(async () => {
    for (const hq of running.splice(0)) await hq.close()
  })

  it('answers a run’s first push and a pull busy (503, Retry-After, nothing applied) while the queue is full; a later batch of a run already let in waits instead', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaitMs: 10, initialHoldMs: 100 })
    const hq = await startHq({ gate })
    running.push(hq)
    const { token, branchId } = await enrolOverHttp(hq)
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
      insertChange('branch', branchRow(branchId, 'MSK-01')),
      insertChange('staff', staffRow(admin, branchId, 'admin')),
    ]
    const second = [insertChange('staff', staffRow(uuidv7(), branchId, 'clerk'), admin)]
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

  it('a busy answer carries an appointment; the same push sent back with it is let in while newcomers are still refused', async () => {
    const gate = new WorkGate({
      concurrency: 1,
      maxWaitMs: 10,
      initialHoldMs: 100,
      appointments: new Appointments({ secret: Buffer.alloc(32, 1), validMs: 30_000 }),
    })
    const hq = await startHq({ gate })
    running.push(hq)
    const { token, branchId } = await enrolOverHttp(hq, 'MSK-02')
    const changes = [insertChange('branch', branchRow(branchId, 'MSK-02'))]
    const run = uuidv7()
    const send = (appointment?: string) =>
      fetch(`${hq.url}/v1/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-push-index': '0',
          ...(appointment ? { 'x-hq-appointment': appointment } : {}),
        },
        body: JSON.stringify({ changes, place: { run, index: 0 } }),
      })
    const blocker = held()
    const blocking = gate.run(() => blocker.promise)
    const busy = await send()
    expect(busy.status).toBe(503)
    const appointment = busy.headers.get('x-hq-appointment')
    expect(appointment).toMatch(/^a1\./)
    // The device waits out Retry-After (whole seconds, at or after the appointment); HQ is as busy as before.
    await new Promise((r) => setTimeout(r, Number(busy.headers.get('retry-after')) * 1000))
    const newcomer = await fetch(`${hq.url}/v1/pull?cursor=0&limit=10`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(newcomer.status).toBe(503)
    const returning = send(appointment!)
    await expect.poll(() => gate.state.returning).toBe(1)
    blocker.release()
    await blocking
    const answer = await returning
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('accepted')
  }, 30_000)
})
