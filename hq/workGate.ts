import { HqHttpError } from './errors'

export interface WorkGateOptions {
  /** Pushes and pulls working on the database at once in this process (DB_WORK_MAX). */
  concurrency: number
  /** Longest a request may expect to queue before it starts; past it HQ answers 503 at once (QUEUE_WAIT_MAX_MS). */
  maxWaitMs: number
  /** What one unit of work is assumed to take before any has been measured. */
  initialHoldMs?: number
  now?: () => number
  random?: () => number
}

/** A busy answer: nothing of the request was applied, so the device sends the same request again after `seconds`. */
export class HqBusyError extends HqHttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'hq-busy', `HQ is busy, retry in ${retryAfterSeconds} s`)
  }
}

/**
 * Issue 13: 2,000 devices pushing and pulling at once. HQ's work per request is bounded (a batch, a page), so
 * what makes an answer late is waiting: for a pool connection, for the database behind it, for the CPU. Letting
 * every request in only lengthens every wait (p95 6.5 s at 2,000 devices, the device's timeout 30 s). The gate
 * lets `concurrency` requests work at once, queues the rest in arrival order, and refuses a request at once — 503
 * with Retry-After, before anything is applied — when the queue ahead of it would keep it waiting longer than
 * `maxWaitMs`. A request let in is answered within about that wait plus its own work, under any load; the one
 * refused costs HQ a parse, not a transaction, and the device comes back when told (spread at random over a few
 * seconds, so refused devices do not return together). Admission control with load shedding, as front-ends of
 * large services do; the estimate is the queue's length times the measured time a unit of work holds its place.
 *
 * Per process: two HQ instances have two gates, each sized for its share of the database's connections.
 */
export class WorkGate {
  private active = 0
  private readonly queue: Array<() => void> = []
  private holdMs: number
  /** When the last busy answer asked its device to come back (ms on `now`'s clock). */
  private lastAppointment = 0
  private readonly now: () => number
  private readonly random: () => number

  constructor(private readonly opts: WorkGateOptions) {
    if (opts.concurrency < 1) throw new Error('WorkGate: concurrency must be at least 1')
    this.holdMs = opts.initialHoldMs ?? 50
    this.now = opts.now ?? (() => performance.now())
    this.random = opts.random ?? Math.random
  }

  /** How long a request arriving now would queue before it starts (0 when a place is free). */
  expectedWaitMs(): number {
    if (this.active < this.opts.concurrency && this.queue.length === 0) return 0
    return Math.ceil((this.queue.length + 1) / this.opts.concurrency) * this.holdMs
  }

  /**
   * Throws the busy answer when the wait would be too long; otherwise the request may queue.
   *
   * Each refused request is given its own time to come back, handed out at the rate HQ works off requests
   * (concurrency / hold time, with a fifth kept for newcomers): 2,000 devices refused in one second come back
   * spread over the time HQ needs for them, not all after the same second (a first version told each "the queue
   * drains in 1 s": 86,534 busy answers in one bench run, each costing HQ a request).
   */
  admit(): void {
    const wait = this.expectedWaitMs()
    if (wait <= this.opts.maxWaitMs) return
    const now = this.now()
    const spacingMs = (this.holdMs / this.opts.concurrency) * 1.25
    this.lastAppointment = Math.max(this.lastAppointment, now + wait) + spacingMs
    // Whole seconds (the header's unit), rounded up so nobody comes back early; a random part of a second spreads
    // the ones sharing a second.
    const seconds = Math.ceil((this.lastAppointment - now) / 1000 + this.random() * 0.999)
    throw new HqBusyError(Math.max(1, seconds))
  }

  /** Runs `work` when a place is free (in arrival order); its time updates the estimate. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.opts.concurrency || this.queue.length > 0)
      await new Promise<void>((resolve) => this.queue.push(resolve))
    else this.active++
    const started = this.now()
    try {
      return await work()
    } finally {
      // A moving average: the estimate follows the load within a few dozen requests without jumping on one.
      this.holdMs = 0.9 * this.holdMs + 0.1 * Math.max(1, this.now() - started)
      const next = this.queue.shift()
      // The place passes straight to the next in line (active stays as it is), or is freed.
      if (next) next()
      else this.active--
    }
  }

  /** For tests and logs. */
  get state(): { active: number; queued: number; holdMs: number } {
    return { active: this.active, queued: this.queue.length, holdMs: this.holdMs }
  }
}
