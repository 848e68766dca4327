import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureBranch, issueEnrolmentCode } from '../../hq/admin'
import type { HqLimits } from '../../hq/config'
import { startHq, type RunningHq } from '../../hq/testing/hqHarness'
import { HqBusy, HqClient, type Fetch } from './hqClient'
import { pushOutbox } from './pushOutbox'
import { plainFileSecretStore } from './secretStore'
import { TOKEN_SECRET } from './syncState'
import { establishBranch, makeDevice, outboxState, type Device } from './testing/syncHarness'

/**
 * The device's side of issue 13's limits: a record too large is kept as an issue with its reason and the outbox
 * goes on; a push body never exceeds what HQ takes; a 429 is "try later", not a failure of the changes.
 */
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setUp(
  opts: { limits?: Partial<HqLimits>; fetch?: Fetch; batchSize?: number } = {},
): Promise<{ hq: RunningHq; d: Device }> {
  const hq = await startHq(opts.limits ? { limits: opts.limits } : {})
  cleanups.push(() => hq.close())
  const d = await makeDevice({
    sync: { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) },
  })
  cleanups.push(() => d.dispose())
  await establishBranch(d)
  await ensureBranch(hq.db, { code: 'MSK-01', name: 'Тверской', city: 'Москва' }, new Date())
  const { code } = await issueEnrolmentCode(hq.db, 'MSK-01', new Date(), 7)
  await d.ok('sync/enrol', { hqUrl: hq.url, code, deviceName: 'A' }, 'admin')
  return { hq, d }
}

const receive = (d: Device, from: number, to: number) =>
  d.ok(
    'blanks/receive-range',
    { series: 'ААК', fromNumber: String(from).padStart(10, '0'), toNumber: String(to).padStart(10, '0') },
    'admin',
  )

/** Pads the stored after-image of an outbox change, as a device with a runaway field would have written it. */
async function bloat(d: Device, seq: number, bytes: number): Promise<string> {
  const row = (await d.core.db('outbox').where({ seq }).first('data', 'change_id')) as {
    data: string
    change_id: string
  }
  const data = { ...(JSON.parse(row.data) as Record<string, unknown>), note: 'x'.repeat(bytes) }
  await d.core
    .db('outbox')
    .where({ seq })
    .update({ data: JSON.stringify(data) })
  return row.change_id
}

describe('records too large', () => {
  it('HQ rejects a 2 MB record, the device does not send a 20 MB one: both kept as issues with their reason, the rest accepted', async () => {
    const { hq, d } = await setUp()
    await receive(d, 1, 5)
    const blanks = (await d.core.db('outbox').where({ entity: 'policy_blank' }).orderBy('seq').select('seq')) as Array<{
      seq: number
    }>
    const refusedByHq = await bloat(d, blanks[1]!.seq, 2 * 1024 * 1024)
    const neverSent = await bloat(d, blanks[3]!.seq, 20 * 1024 * 1024)

    expect(await d.core.sync.syncNow()).toBe(true)
    const state = await outboxState(d)
    expect(state).toMatchObject({ pending: 0, other: 2 })
    const issues = (await d.core
      .db('sync_issue')
      .select('change_id', 'kind', 'reason_code', 'reason_params')) as Array<{
      change_id: string
      kind: string
      reason_code: string
      reason_params: string
    }>
    expect(issues.map((i) => [i.change_id, i.kind, i.reason_code]).sort()).toEqual(
      [
        [refusedByHq, 'rejected', 'record-too-large'],
        [neverSent, 'rejected', 'record-too-large'],
      ].sort(),
    )
    const paramsOf = (id: string) =>
      JSON.parse(issues.find((i) => i.change_id === id)!.reason_params) as { size: number; limit: number }
    expect(paramsOf(refusedByHq).limit).toBe(1024 * 1024)
    expect(paramsOf(refusedByHq).size).toBeGreaterThan(2 * 1024 * 1024)
    expect(paramsOf(neverSent).size).toBeGreaterThan(20 * 1024 * 1024)
    // HQ holds every other blank and never saw the 20 MB change.
    expect(await hq.db('hq_record').where({ entity: 'policy_blank' }).count({ n: '*' }).first()).toMatchObject({
      n: 3,
    })
    expect(await hq.db('hq_change').where({ change_id: neverSent }).first()).toBeUndefined()
    // Shown on the sync screen as conflicts are, with the reason's message.
    const listed = await d.ok('sync/list-issues', { limit: 50, offset: 0 }, 'admin')
    expect(listed.items.map((i) => i.reasonKey)).toEqual([
      'sync.reasons.record-too-large',
      'sync.reasons.record-too-large',
    ])
    // The outbox carries on: a later change goes through.
    await receive(d, 6, 6)
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(await outboxState(d)).toMatchObject({ pending: 0, other: 2 })
  }, 60_000)

  it('a push body never exceeds the request limit: batches are cut by bytes as well as by count', async () => {
    const sizes: number[] = []
    const recording: Fetch = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      if (url.pathname === '/v1/push') sizes.push(Buffer.byteLength(String(init?.body)))
      return fetch(input, init)
    }) as Fetch
    // HQ takes at most 8 KiB a push here: a body over it would be refused 413 and the run would fail.
    const { hq, d } = await setUp({ limits: { pushBodyMax: 8 * 1024 } })
    await receive(d, 1, 40)
    const token = await plainFileSecretStore(join(d.dir, 'secrets')).get(TOKEN_SECRET)
    const client = new HqClient({ baseUrl: hq.url, token, fetch: recording })
    const summary = await pushOutbox(d.core.db, client, () => new Date(), {
      batchSize: 500,
      pipeline: true,
      maxRequestBytes: 8 * 1024,
    })
    expect(summary.accepted).toBe(summary.sent)
    expect(await outboxState(d)).toMatchObject({ pending: 0, other: 0 })
    expect(sizes.length).toBeGreaterThan(2)
    for (const s of sizes) expect(s).toBeLessThanOrEqual(8 * 1024)
  }, 60_000)
})

describe('HQ busy', () => {
  it('429: nothing is marked failed, the next attempt waits at least Retry-After, then everything goes', async () => {
    let refuse = true
    const busy: Fetch = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      if (refuse && url.pathname === '/v1/push') {
        refuse = false
        return new Response(JSON.stringify({ error: { code: 'rate-limited', message: 'retry in 7 seconds' } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '7' },
        })
      }
      return fetch(input, init)
    }) as Fetch
    const { d } = await setUp({ fetch: busy })
    await receive(d, 1, 5)
    d.core.sync.start()
    const waited = async () => {
      const st = await d.ok('sync/get-status', undefined, 'admin')
      if (st.lastError?.key !== 'sync.errors.busy' || !st.nextAttemptAt) return null
      // The device's clock stands still in tests (ManualClock): the wait is the distance from its now.
      return new Date(st.nextAttemptAt).getTime() - d.clock.now().getTime()
    }
    await expect.poll(waited, { timeout: 10_000 }).not.toBeNull()
    await d.core.sync.stop()
    expect(await waited()).toBeGreaterThanOrEqual(7_000)
    const pending = await outboxState(d)
    expect(pending.accepted + pending.other).toBe(0)
    expect(await d.core.db('sync_issue').count({ n: '*' }).first()).toMatchObject({ n: 0 })
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(await outboxState(d)).toMatchObject({ pending: 0, other: 0 })
  }, 30_000)

  const hqBusyAnswer = (retryAfter: string) =>
    new Response(JSON.stringify({ error: { code: 'hq-busy', message: 'HQ is busy' } }), {
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
    })

  it('503 hq-busy (HQ’s queue full, nothing applied): the same push goes again after Retry-After within the run, which succeeds', async () => {
    let refusals = 0
    let pushes = 0
    const busy: Fetch = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      if (url.pathname === '/v1/push') {
        pushes++
        if (refusals < 1) {
          refusals++
          return hqBusyAnswer('1')
        }
      }
      return fetch(input, init)
    }) as Fetch
    const { d } = await setUp({ fetch: busy })
    await receive(d, 1, 5)
    const started = Date.now()
    expect(await d.core.sync.syncNow()).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(pushes).toBe(2)
    expect(await outboxState(d)).toMatchObject({ pending: 0, other: 0 })
    const st = await d.ok('sync/get-status', undefined, 'admin')
    expect(st.lastError).toBeNull()
  }, 30_000)

  it('503 hq-busy for longer than the client waits: the run ends with HqBusy (online, try later), never "unreachable"', async () => {
    const slept: number[] = []
    const client = new HqClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 't',
      busyWaitMaxMs: 5_000,
      sleep: async (ms) => void slept.push(ms),
      fetch: (async () => hqBusyAnswer('2')) as unknown as Fetch,
    })
    const failure = await client.pull('0', 10).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(HqBusy)
    expect(failure).toMatchObject({ status: 503, code: 'hq-busy', retryAfterMs: 2000 })
    expect(slept).toEqual([2000, 2000])
  })
})
