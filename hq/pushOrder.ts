import type { Knex } from 'knex'
import type { HqDb } from './db'
import { HqHttpError } from './errors'

/** Where a batch stands in a device's pipelined push: the run it belongs to and its place in that run. */
export interface PushPlace {
  run: string
  index: number
}

/**
 * A batch's turn, once it has come: call it with the outcome once the batch is applied. `advance` moves the turn in
 * the batch's own transaction (hq/push.ts runs it before the commit); the call after the commit then only wakes the
 * batches waiting here.
 */
export interface Turn {
  (applied: boolean): Promise<void>
  advance(trx: Knex.Transaction): Promise<void>
}

interface TurnRow {
  device_id: string
  run: string
  next: number | string
  broken: number | string | boolean
}

export interface PushOrderOptions {
  /** How long a batch waits for the one before it (PUSH_ORDER_WAIT_MS) before it is refused. */
  waitMs?: number
  /**
   * How soon a waiting batch first looks at the device's row again (then less often). A batch applied by this
   * process wakes its waiters at once; one applied by another instance is seen at the next look
   * (PUSH_ORDER_POLL_MS).
   */
  pollMs?: number
}

/**
 * A device sends its next push batch while HQ applies the previous one (issue 12). Two requests of one device
 * may then reach HQ in either order — and, with several HQ instances behind a load balancer (issue 13), reach
 * different instances — and HQ must apply them in the order they were made: a later batch may build on records
 * of the earlier one. Each pipelined batch carries its run and index; a batch waits here until the one before it
 * is applied. If that one failed, or never arrives, or the device started a new run (after a failure it retries
 * from the first unsent change), the waiting batch is refused and nothing of it is applied: the device sends it
 * again in order. Batches without a place (devices before protocol 2, offline bundles) are applied as they come.
 *
 * Where each device's run stands is a row of `hq_push_turn`, so every instance sees it; every move is one
 * conditional statement (compare-and-set on the row as read), which is what keeps two instances — or two requests
 * in one — from both taking a step. The same code serves SQLite (one process), where the waits are woken in
 * memory before the next poll.
 *
 * The turn moves in the batch's own transaction (`Turn.advance`, run by hq/push.ts before its commit): the batch and
 * its turn commit together, so an instance dying after the commit cannot leave the next batch waiting out its time,
 * and a batch costs no statement and no commit of its own for its turn (bench:sync, issue 12). A caller that applies
 * the batch another way calls the turn with the outcome after its commit, which moves the turn there.
 */
export class PushOrder {
  private readonly waiting = new Map<string, Set<() => void>>()
  private readonly waitMs: number
  private readonly pollMs: number

  constructor(
    private readonly db: HqDb,
    opts: PushOrderOptions = {},
  ) {
    this.waitMs = opts.waitMs ?? 60_000
    this.pollMs = opts.pollMs ?? 25
  }

  /** Resolves when it is this batch's turn; call the returned function with the outcome once it is applied. */
  async turn(deviceId: string, place: PushPlace): Promise<Turn> {
    if (place.index === 0) await this.startRun(deviceId, place.run)
    const deadline = Date.now() + this.waitMs
    // Looks grow apart (×2 up to 16 × pollMs): with thousands of devices, a batch waiting for a long apply at
    // another instance must not poll the database 40 times a second. Waits at this instance are woken at once.
    let pause = this.pollMs
    for (;;) {
      const s = await this.read(deviceId)
      // A batch of an older run or of a run that broke: refused, nothing of it applied.
      if (s && (s.run > place.run || (s.run === place.run && s.broken)))
        throw new HqHttpError(409, 'push-out-of-order', 'an earlier batch of this push was not applied')
      // Its turn — or a batch delivered twice, whose changes get their stored answers (hq/push.ts).
      if (s && s.run === place.run && s.next >= place.index) break
      const left = deadline - Date.now()
      if (left <= 0) throw new HqHttpError(409, 'push-out-of-order', 'the batch before this one did not arrive')
      // Its run has not started yet, or the batch before it is still being applied (here or at another instance).
      await this.sleep(deviceId, Math.min(left, pause))
      pause = Math.min(pause * 2, this.pollMs * 16)
    }
    // Only forward: a batch delivered twice must not move the turn back.
    const forward = (db: Knex | Knex.Transaction) =>
      db('hq_push_turn')
        .where({ device_id: deviceId, run: place.run })
        .where('next', '<', place.index + 1)
        .update({ next: place.index + 1 })
    let advanced = false
    const done = async (applied: boolean) => {
      // Moved in the batch's transaction already, which committed: nothing left but to wake the waiters.
      if (applied && !advanced) await forward(this.db)
      else if (!applied)
        await this.db('hq_push_turn').where({ device_id: deviceId, run: place.run }).update({ broken: 1 })
      this.wake(deviceId)
    }
    return Object.assign(done, {
      async advance(trx: Knex.Transaction) {
        await forward(trx)
        // Only once it succeeded: a rollback later undoes it, and the outcome after that is `false` anyway.
        advanced = true
      },
    })
  }

  /**
   * The first batch of a run: a newer run than the row's replaces it (run ids are UUIDv7 and sort by time), and
   * batches still waiting from an earlier one are refused at their next look. Compared here rather than in SQL:
   * text order in PostgreSQL follows the database's collation, and the run ids must compare byte by byte.
   */
  private async startRun(deviceId: string, run: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const s = await this.read(deviceId)
      if (!s) {
        const inserted = await this.db('hq_push_turn')
          .insert({ device_id: deviceId, run, next: 0, broken: 0 })
          .onConflict('device_id')
          .ignore()
          .returning('device_id')
        if (inserted.length > 0) break
        continue // another instance inserted the row at the same moment: look again
      }
      if (s.run >= run) break
      const moved = await this.db('hq_push_turn')
        .where({ device_id: deviceId, run: s.run })
        .update({ run, next: 0, broken: 0 })
      if (moved > 0) break
    }
    this.wake(deviceId)
  }

  private async read(deviceId: string): Promise<{ run: string; next: number; broken: boolean } | null> {
    const row = (await this.db('hq_push_turn').where({ device_id: deviceId }).first()) as TurnRow | undefined
    if (!row) return null
    return { run: row.run, next: Number(row.next), broken: Number(row.broken) === 1 || row.broken === true }
  }

  private sleep(deviceId: string, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const set = this.waiting.get(deviceId) ?? new Set()
      const done = () => {
        clearTimeout(timer)
        set.delete(done)
        if (set.size === 0 && this.waiting.get(deviceId) === set) this.waiting.delete(deviceId)
        resolve()
      }
      const timer = setTimeout(done, ms)
      set.add(done)
      this.waiting.set(deviceId, set)
    })
  }

  private wake(deviceId: string): void {
    for (const w of [...(this.waiting.get(deviceId) ?? [])]) w()
  }
}
