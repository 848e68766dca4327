import { uuidv7 } from 'uuidv7'
import type { HqDb } from '../../hq/db'
import { SYNC_SETTINGS } from '../../core/sync/syncSettings'
import { ContractWork, HttpDevice, setupChanges, type BranchPlan } from './fleet'
import type { Change, ChangeResult, EnrolResponse, PullResponse, PushResponse } from '../../shared/sync/protocol'

export interface FleetOptions {
  hqUrl: string
  /** Several HQ instances: device i talks to instance i mod N (a balancer keeping each kept-alive connection on one). */
  hqUrls?: readonly string[]
  /** HQ's database, read at the end to check that every acknowledged change is there exactly once. */
  db: HqDb
  /** One enrolment code per device; `first` marks the device that sets its branch up. */
  codes: ReadonlyArray<{ branch: string; code: string; first: boolean; slot: number }>
  batches: number
  batchSize: number
  windowMs: number
  /** Epoch ms after which no device starts another request (the bench's hard deadline). */
  stopAt: number
  today: string
  /** The device's push timeout (core/sync/hqClient.ts): an answer later than this is lost to the device. */
  timeoutMs?: number
  /** Devices enrolling and setting up at once before the timed part. */
  setupConcurrency?: number
  log?: (line: string) => void
  /** Tests only: runs between the last answer and the check (to prove the check sees a loss). */
  beforeCheck?: () => Promise<unknown>
}

export interface FleetFigures {
  changes: number
  seconds: number
  changesPerSec: number
  pushes: number
  pushP50Ms: number
  pushP95Ms: number
  pushMaxMs: number
  /**
   * From a push's first attempt to its applied answer, the waits HQ asked for (busy answers) included: what the
   * device's user waits for; the figures above are per answered request.
   */
  pushDoneP50Ms: number
  pushDoneP95Ms: number
  pushDoneMaxMs: number
  /** Requests HQ answered busy (503 hq-busy, nothing applied); each was sent again after its Retry-After. */
  busy: number
  /** Of those, answers to a request HQ had answered busy before (with appointments, a returning request is let in). */
  busyAgain: number
  pulls: number
  pullP50Ms: number
  pullP95Ms: number
  pullMaxMs: number
  errors: number
  errorsByKind: Record<string, number>
  /** Acknowledged changes HQ does not hold (or holds at an older version). */
  lost: number
  /** Changes HQ holds that no device sent, or holds twice. */
  duplicates: number
}

export const percentile = (xs: readonly number[], p: number): number =>
  xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!)
    }),
  )
}

/**
 * Enrols the fleet, sets every branch up, then runs the timed part: each device starts within the window, pushes
 * its batches one after the other and pulls its branch after each. Errors are counted by kind, never thrown: the
 * figures say what happened.
 */
export async function runFleet(o: FleetOptions): Promise<FleetFigures> {
  const bases = (o.hqUrls && o.hqUrls.length > 0 ? o.hqUrls : [o.hqUrl]).map((u) => new URL(u))
  const timeoutMs = o.timeoutMs ?? 30_000
  const errorsByKind: Record<string, number> = {}
  const fail = (kind: string) => {
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1
  }
  const log = o.log ?? (() => undefined)
  const now = () => new Date().toISOString()

  // Plans: the branch's record id, admin and one clerk per device.
  const plans = new Map<string, BranchPlan>()
  for (const c of o.codes) {
    const plan = plans.get(c.branch) ?? { code: c.branch, recordId: uuidv7(), adminId: uuidv7(), clerks: [] }
    plan.clerks.push(uuidv7())
    plans.set(c.branch, plan)
  }
  const devices = o.codes.map((c, i) => ({
    ...c,
    http: new HttpDevice(bases[i % bases.length]!, timeoutMs),
    work: new ContractWork(plans.get(c.branch)!.clerks[c.slot]!, `${c.branch}-${c.slot}`, o.today),
    cursor: '0',
    enrolled: false,
  }))
  const acknowledged = new Set<string>()
  const unanswered = new Set<string>()
  const policyVersion = new Map<string, number>()
  const pushMs: number[] = []
  const pushDoneMs: number[] = []
  const pullMs: number[] = []
  let busy = 0
  let busyAgain = 0
  /** HQ's queue is full (hq/workGate.ts): nothing applied; the device waits as told and sends it again (as core/sync/hqClient.ts does). */
  const busyWait = async (res: { status: number; body: unknown; retryAfterS: number | null }): Promise<boolean> => {
    const code = (res.body as { error?: { code?: string } } | null)?.error?.code
    if (res.status !== 503 || code !== 'hq-busy' || Date.now() > o.stopAt) return false
    busy++
    await sleep((res.retryAfterS ?? 1) * 1000)
    return true
  }

  function take(sent: readonly Change[], results: readonly ChangeResult[]) {
    for (const r of results) {
      if (r.status === 'accepted') acknowledged.add(r.changeId)
      else fail(`${r.status}:${r.reason.code}`)
    }
    const accepted = new Set(results.filter((r) => r.status === 'accepted').map((r) => r.changeId))
    for (const c of sent)
      if (c.entity === 'osago_policy' && accepted.has(c.changeId))
        policyVersion.set(c.entityId, Math.max(policyVersion.get(c.entityId) ?? 0, c.rowVersion))
  }

  async function push(d: (typeof devices)[number], changes: Change[], timed: boolean): Promise<boolean> {
    try {
      const first = performance.now()
      // A run of one batch, as the device names it (core/sync/hqClient.ts): HQ may answer it busy before reading it.
      // A busy answer's appointment goes back with the same request (as core/sync/hqClient.ts sends it).
      const send = (appointment: string | null) =>
        d.http.call<PushResponse | { error: { code: string } }>(
          'POST',
          '/v1/push',
          { changes },
          { 'x-push-index': '0', ...(appointment ? { 'x-hq-appointment': appointment } : {}) },
        )
      let res = await send(null)
      for (let refused = 0; await busyWait(res); refused++) {
        if (refused > 0) busyAgain++
        res = await send(res.appointment)
      }
      if (timed && res.status === 200) {
        pushMs.push(res.ms)
        pushDoneMs.push(performance.now() - first)
      }
      if (res.status !== 200 || !('results' in res.body)) {
        fail(`push-http-${res.status}:${'error' in res.body ? res.body.error.code : '?'}`)
        return false
      }
      take(changes, res.body.results)
      return true
    } catch (e) {
      for (const c of changes) unanswered.add(c.changeId)
      fail(`push-${(e as Error).message === 'timeout' ? 'timeout' : ((e as NodeJS.ErrnoException).code ?? 'error')}`)
      return false
    }
  }

  async function pull(d: (typeof devices)[number]): Promise<boolean> {
    for (let page = 0; page < 1000; page++) {
      try {
        const path = `/v1/pull?cursor=${d.cursor}&limit=${SYNC_SETTINGS.pageSize}`
        const get = (appointment: string | null) =>
          d.http.call<PullResponse | { error: { code: string } }>(
            'GET',
            path,
            undefined,
            appointment ? { 'x-hq-appointment': appointment } : {},
          )
        let res = await get(null)
        for (let refused = 0; await busyWait(res); refused++) {
          if (refused > 0) busyAgain++
          res = await get(res.appointment)
        }
        if (res.status === 200) pullMs.push(res.ms)
        if (res.status !== 200 || !('items' in res.body)) {
          fail(`pull-http-${res.status}:${'error' in res.body ? res.body.error.code : '?'}`)
          return false
        }
        d.cursor = res.body.cursor
        if (!res.body.more) return true
      } catch (e) {
        fail(`pull-${(e as Error).message === 'timeout' ? 'timeout' : ((e as NodeJS.ErrnoException).code ?? 'error')}`)
        return false
      }
    }
    return true
  }

  // Enrolment and setup (untimed): the branch's first computer establishes it and pushes its staff; the others
  // join the established branch as new computers do.
  const concurrency = o.setupConcurrency ?? 16
  const setupStarted = performance.now()
  for (const first of [true, false]) {
    await pool(
      devices.filter((d) => d.first === first),
      concurrency,
      async (d) => {
        const plan = plans.get(d.branch)!
        try {
          const res = await d.http.call<EnrolResponse | { error: { code: string } }>('POST', '/v1/enrol', {
            code: d.code,
            deviceName: `bench ${d.branch}/${d.slot}`,
            branch: first ? { id: plan.recordId, code: plan.code, name: plan.code, city: 'Москва' } : null,
          })
          if (res.status !== 200 || !('token' in res.body)) {
            fail(`enrol-http-${res.status}:${'error' in res.body ? res.body.error.code : '?'}`)
            return
          }
          d.http.token = res.body.token
          d.enrolled = true
          if (first) await push(d, setupChanges(plan, now()), false)
        } catch (e) {
          fail(`enrol-${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
        }
      },
    )
  }
  log(
    `enrolled ${devices.filter((d) => d.enrolled).length}/${devices.length} devices and set up ${plans.size} branches in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  )

  // Timed: every device starts at a random moment of the window.
  const t0 = performance.now()
  let tEnd = t0
  const timedAcknowledgedBefore = acknowledged.size
  await Promise.all(
    devices
      .filter((d) => d.enrolled)
      .map(async (d) => {
        await sleep(Math.random() * o.windowMs)
        for (let b = 0; b < o.batches; b++) {
          if (Date.now() > o.stopAt) {
            fail('deadline')
            break
          }
          if (!(await push(d, d.work.batch(o.batchSize, now()), true))) break
          if (!(await pull(d))) break
        }
        tEnd = Math.max(tEnd, performance.now())
      }),
  )
  const seconds = (tEnd - t0) / 1000
  const changes = acknowledged.size - timedAcknowledgedBefore
  for (const d of devices) d.http.close()

  await o.beforeCheck?.()
  // Exactly once: every acknowledged change is at HQ, accepted, once; every policy at its last accepted version.
  const branchCodes = [...plans.keys()]
  const atHq = new Map<string, number>()
  const records = new Map<string, number>()
  for (let i = 0; i < branchCodes.length; i += 500) {
    const slice = branchCodes.slice(i, i + 500)
    for (const r of (await o
      .db('hq_change')
      .whereIn('branch_code', slice)
      .where({ status: 'accepted' })
      .select('change_id')) as Array<{ change_id: string }>)
      atHq.set(r.change_id, (atHq.get(r.change_id) ?? 0) + 1)
    for (const r of (await o
      .db('hq_record')
      .whereIn('branch_code', slice)
      .where({ entity: 'osago_policy' })
      .select('id', 'row_version')) as Array<{ id: string; row_version: number | string }>)
      records.set(r.id, Number(r.row_version))
  }
  let lost = 0
  let duplicates = 0
  for (const id of acknowledged) if (!atHq.has(id)) lost++
  for (const [id, n] of atHq) if (n > 1 || (!acknowledged.has(id) && !unanswered.has(id))) duplicates++
  for (const [id, v] of policyVersion) if ((records.get(id) ?? 0) < v) lost++
  const errors = Object.values(errorsByKind).reduce((s, n) => s + n, 0)
  return {
    changes,
    seconds,
    changesPerSec: seconds > 0 ? changes / seconds : 0,
    pushes: pushMs.length,
    pushP50Ms: percentile(pushMs, 50),
    pushP95Ms: percentile(pushMs, 95),
    pushMaxMs: pushMs.length ? Math.max(...pushMs) : 0,
    pushDoneP50Ms: percentile(pushDoneMs, 50),
    pushDoneP95Ms: percentile(pushDoneMs, 95),
    pushDoneMaxMs: pushDoneMs.length ? Math.max(...pushDoneMs) : 0,
    busy,
    busyAgain,
    pulls: pullMs.length,
    pullP50Ms: percentile(pullMs, 50),
    pullP95Ms: percentile(pullMs, 95),
    pullMaxMs: pullMs.length ? Math.max(...pullMs) : 0,
    errors,
    errorsByKind,
    lost,
    duplicates,
  }
}
