import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBranch, issueEnrolmentCode } from './admin'
import { openHqDatabase, type HqDb } from './db'
import { enrolDevice } from './enrolment'
import { PushOrder } from './pushOrder'
import { startPgCluster, type PgCluster } from './testing/pgCluster'

/**
 * A device's pipelined batches reach HQ in any order — and, with several HQ instances, at different instances;
 * HQ applies them in the order the device made them. The turns live in the database, so the same tests run on
 * the embedded SQLite and on PostgreSQL, and on PostgreSQL two PushOrders on two connection pools stand for two
 * HQ processes.
 */
const now = new Date('2026-12-05T10:00:00Z')
let pgc: PgCluster
const dirs: string[] = []
const opened: HqDb[] = []
beforeAll(async () => {
  pgc = await startPgCluster()
}, 120_000)
afterAll(async () => {
  for (const db of opened) await db.destroy()
  await pgc?.stop()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

let count = 0
async function backend(kind: 'pg' | 'sqlite'): Promise<{ db: HqDb; url: string | null }> {
  let db: HqDb
  let url: string | null = null
  if (kind === 'pg') {
    url = await pgc.createDatabase(`order_${++count}`)
    db = await openHqDatabase({ client: 'pg', url })
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'bd-hqorder-'))
    dirs.push(dir)
    db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
  }
  opened.push(db)
  return { db, url }
}

async function device(db: HqDb, branchCode: string): Promise<string> {
  await ensureBranch(db, { code: branchCode, name: branchCode, city: 'Город' }, now)
  const { code } = await issueEnrolmentCode(db, branchCode, now, 7)
  const branch = { id: uuidv7(), code: branchCode, name: 'n', city: 'c' }
  return (await enrolDevice(db, { code, deviceName: 'd', branch }, now)).deviceId
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(['sqlite', 'pg'] as const)('push order on %s', (kind) => {
  it('a batch that arrives before the one it follows waits for it; a failure refuses the batches behind it', async () => {
    const { db } = await backend(kind)
    const dev = await device(db, 'MSK-01')
    const order = new PushOrder(db, { waitMs: 5_000, pollMs: 10 })
    const run = uuidv7()
    const applied: number[] = []
    const apply = async (index: number, ok = true) => {
      const done = await order.turn(dev, { run, index })
      applied.push(index)
      await done(ok)
    }
    const second = apply(1)
    await pause(50)
    expect(applied).toEqual([])
    await apply(0)
    await second
    expect(applied).toEqual([0, 1])
    // Delivered twice: let through (HQ answers it from its log), and the turn does not move back.
    await apply(1)
    await apply(0)
    const fourth = apply(3)
    await apply(2, false)
    await expect(fourth).rejects.toMatchObject({ status: 409, code: 'push-out-of-order' })
    expect(applied).toEqual([0, 1, 1, 0, 2])
  })

  it('a new run refuses what still waits from the previous one; a lost predecessor times out', async () => {
    const { db } = await backend(kind)
    const [dev, other] = [await device(db, 'MSK-01'), await device(db, 'SPB-01')]
    const order = new PushOrder(db, { waitMs: 200, pollMs: 10 })
    const old = uuidv7()
    const waiting = order.turn(dev, { run: old, index: 1 })
    // Refused while the new run starts, before the expectation below is attached.
    waiting.catch(() => undefined)
    await pause(5)
    const next = uuidv7()
    await (
      await order.turn(dev, { run: next, index: 0 })
    )(true)
    await expect(waiting).rejects.toMatchObject({ code: 'push-out-of-order' })
    // A batch of the older run arriving late is refused at once.
    await expect(order.turn(dev, { run: old, index: 0 })).rejects.toMatchObject({ code: 'push-out-of-order' })
    const started = Date.now()
    await expect(order.turn(dev, { run: next, index: 2 })).rejects.toMatchObject({ code: 'push-out-of-order' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    // Other devices are not affected.
    await (
      await order.turn(other, { run: old, index: 0 })
    )(true)
  })

  it('the turn moves in the batch’s transaction: rolled back with it, committed with it', async () => {
    const { db } = await backend(kind)
    const dev = await device(db, 'MSK-01')
    const order = new PushOrder(db, { waitMs: 300, pollMs: 10 })
    const run = uuidv7()
    const next = async () =>
      Number(((await db('hq_push_turn').where({ device_id: dev }).first()) as { next: number }).next)
    const first = await order.turn(dev, { run, index: 0 })
    await expect(
      db.transaction(async (trx) => {
        await first.advance(trx)
        throw new Error('the batch failed after its turn moved')
      }),
    ).rejects.toThrow('the batch failed')
    expect(await next()).toBe(0)
    await db.transaction((trx) => first.advance(trx))
    // Committed with the batch: the next batch's turn has come before the outcome is reported.
    expect(await next()).toBe(1)
    const second = await order.turn(dev, { run, index: 1 })
    await first(true)
    expect(await next()).toBe(1)
    await second(true)
    expect(await next()).toBe(2)
  })
})

describe('push order across HQ instances (PostgreSQL)', () => {
  it('batch 1 at one instance waits for batch 0 at the other, then goes; a failure at one refuses at the other', async () => {
    const { db, url } = await backend('pg')
    const dev = await device(db, 'MSK-01')
    const other = await openHqDatabase({ client: 'pg', url: url! }, { migrate: false })
    opened.push(other)
    const a = new PushOrder(db, { waitMs: 5_000, pollMs: 10 })
    const b = new PushOrder(other, { waitMs: 5_000, pollMs: 10 })
    const run = uuidv7()
    const applied: string[] = []
    const atB = b.turn(dev, { run, index: 1 }).then(async (done) => {
      applied.push('1@B')
      await done(true)
    })
    await pause(100)
    expect(applied).toEqual([])
    const done0 = await a.turn(dev, { run, index: 0 })
    applied.push('0@A')
    await done0(true)
    await atB
    expect(applied).toEqual(['0@A', '1@B'])

    const waiting = a.turn(dev, { run, index: 3 })
    await (
      await b.turn(dev, { run, index: 2 })
    )(false)
    await expect(waiting).rejects.toMatchObject({ status: 409, code: 'push-out-of-order' })
  })

  it('two instances starting runs of one device at once keep the newest', async () => {
    const { db, url } = await backend('pg')
    const dev = await device(db, 'MSK-01')
    const other = await openHqDatabase({ client: 'pg', url: url! }, { migrate: false })
    opened.push(other)
    const a = new PushOrder(db, { waitMs: 500, pollMs: 10 })
    const b = new PushOrder(other, { waitMs: 500, pollMs: 10 })
    const older = uuidv7()
    await pause(2)
    const newer = uuidv7()
    const outcomes = await Promise.allSettled([
      a.turn(dev, { run: older, index: 0 }),
      b.turn(dev, { run: newer, index: 0 }),
    ])
    expect(outcomes[1].status).toBe('fulfilled')
    expect(await db('hq_push_turn').where({ device_id: dev }).first()).toMatchObject({ run: newer })
  })
})
