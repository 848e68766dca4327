import { Appointments } from './appointments'
import { HqHttpError } from './errors'

export interface WorkGateOptions {
  /** Pushes and pulls working on the database at once in this process (DB_WORK_MAX). */
  concurrency: number
  /** Longest a request may expect to queue before it starts; past it HQ answers 503 at once (QUEUE_WAIT_MAX_MS). */
  maxWaitMs: number
  /** What one unit of work is assumed to take before any has been measured. */
  initialHoldMs?: number
  /**
   * Appointment tokens in busy answers (decision 88); absent → busy answers carry none and every request is a
   * newcomer (the gate of decision 86).
   */
  appointments?: Appointments
  /** Epoch ms: appointments are times other instances read, so this is the wall clock (a fake one in tests). */
  now?: () => number
  random?: () => number
}

/** What a request shows the gate before it is let in: its appointment token and whose it is. */
export interface GateAsk {
  appointment?: string | string[] | undefined
  authorization?: string | undefined
}

/**
 * Where an admitted request queues: `returning` — it was refused before and comes back with its appointment, ahead
 * of newcomers; `newcomer` — everything else.
 */
export type GateLane = 'returning' | 'newcomer'

/** A busy answer: nothing of the request was applied, so the device sends the same request again after `seconds`. */
export class HqBusyError extends HqHttpError {
  constructor(
    readonly retryAfterSeconds: number,
    /** The token the device sends back with the same request (x-hq-appointment); absent without appointments. */
    readonly appointment?: string,
  ) {
    super(503, 'hq-busy', `HQ is busy, retry in ${retryAfterSeconds} s`)
  }
}

/**
 * Issue 13: 2,000 devices pushing and pulling at once. HQ's work per request is bounded (a batch, a page), so
 * what makes an answer late is waiting: for a pool connection, for the database behind it, for the CPU. Letting
 * every request in only lengthens every wait (p95 6.5 s at 2,000 devices, the device's timeout 30 s). The gate
 * lets `concurrency` requests work at once, queues the rest, and refuses a request at once — 503 with Retry-After,
 * before anything is applied — when the queue ahead of it would keep it waiting longer than `maxWaitMs`. A request
 * let in is answered within about that wait plus its own work, under any load; the one refused costs HQ a parse,
 * not a transaction. Admission control with load shedding, as front-ends of large services do; the estimate is the
 * queue's length times the measured time a unit of work holds its place.
 *
 * Appointments (decision 88): a refused request is given a time to come back at, handed out at the rate HQ works
 * requests off, and a token for it. Coming back with the token at or after that time it is let in without the
 * estimate, into a lane served before newcomers — so a device is refused at most once per request, and its wait
 * from first attempt to answer is about its appointment. Without that, a device came back into a queue of
 * newcomers, was refused again, and the whole push's p95 was 32 s where answers' p95 was 1.2 s. Newcomers' estimate
 * counts the appointments due within `maxWaitMs`, so the returning lane does not push a newcomer let in past it.
 *
 * Per process: two HQ instances have two gates, each sized for its share of the database's connections.
 */
export class WorkGate {
  private active = 0
  private readonly returning: Array<() => void> = []
  private readonly newcomers: Array<() => void> = []
  private holdMs: number
  /** When the last busy answer's appointment falls (ms on `now`'s clock): the next is spaced after it. */
  private lastAppointment = 0
  /** When refused devices were told to come back (Retry-After), sorted; those still ahead of `now`. */
  private readonly comingBack: number[] = []
  private readonly now: () => number
  private readonly random: () => number

  constructor(private readonly opts: WorkGateOptions) {
    if (opts.concurrency < 1) throw new Error('WorkGate: concurrency must be at least 1')
    this.holdMs = opts.initialHoldMs ?? 50
    this.now = opts.now ?? Date.now
    this.random = opts.random ?? Math.random
  }

  /** How long a newcomer arriving now would queue before it starts (0 when a place is free). */
  expectedWaitMs(): number {
    const free = this.opts.concurrency - this.active
    const ahead = this.returning.length + this.newcomers.length + this.dueWithin(this.opts.maxWaitMs)
    if (ahead < free) return 0
    return Math.ceil((ahead - free + 1) / this.opts.concurrency) * this.holdMs
  }

  /** Refused devices told to come back within `ms` from now: they will go ahead of a newcomer let in now. */
  private dueWithin(ms: number): number {
    if (!this.opts.appointments) return 0
    const now = this.now()
    let gone = 0
    while (gone < this.comingBack.length && this.comingBack[gone]! <= now) gone++
    if (gone > 0) this.comingBack.splice(0, gone)
    let n = 0
    while (n < this.comingBack.length && this.comingBack[n]! <= now + ms) n++
    return n
  }

  /**
   * Decides whether a request may queue and in which lane, or throws the busy answer.
   *
   * A valid appointment token (its time come, not expired, not used here) is let in as `returning` whatever the
   * queue. Anyone else is a newcomer, let in when the expected wait is within `maxWaitMs`. Each refused request is
   * given its own time to come back, handed out at the rate HQ works off requests (concurrency / hold time, with a
   * fifth kept for newcomers): 2,000 devices refused in one second come back spread over the time HQ needs for them,
   * not all after the same second (a first version told each "the queue drains in 1 s": 86,534 busy answers in one
   * bench run, each costing HQ a request) — and, holding the token, are not refused again.
   */
  admit(ask: GateAsk = {}): GateLane {
    const book = this.opts.appointments
    const token = typeof ask.appointment === 'string' ? ask.appointment : undefined
    const now = this.now()
    if (book && token && book.redeem(token, ask.authorization, now)) return 'returning'
    const wait = this.expectedWaitMs()
    if (wait <= this.opts.maxWaitMs) return 'newcomer'
    const spacingMs = (this.holdMs / this.opts.concurrency) * 1.25
    this.lastAppointment = Math.max(this.lastAppointment, now + wait) + spacingMs
    const seconds = this.retryAfterSeconds(this.lastAppointment - now)
    if (!book) throw new HqBusyError(seconds)
    this.expectBack(now + seconds * 1000)
    // The token's time is the appointment, at or before the Retry-After the device waits out: a device that waits as
    // told is never early, even on another instance's clock a little behind this one's.
    throw new HqBusyError(seconds, book.issue(this.lastAppointment, ask.authorization))
  }

  /** Whole seconds (the header's unit), rounded up so nobody comes back early; a random part of a second spreads the ones sharing a second. */
  private retryAfterSeconds(ms: number): number {
    return Math.max(1, Math.ceil(ms / 1000 + this.random() * 0.999))
  }

  private expectBack(at: number): void {
    let i = this.comingBack.length
    while (i > 0 && this.comingBack[i - 1]! > at) i--
    this.comingBack.splice(i, 0, at)
  }

  /** Runs `work` when a place is free — returning requests first, each lane in arrival order; its time updates the estimate. */
  async run<T>(work: () => Promise<T>, lane: GateLane = 'newcomer'): Promise<T> {
    if (this.active >= this.opts.concurrency || this.returning.length > 0 || this.newcomers.length > 0)
      await new Promise<void>((resolve) => (lane === 'returning' ? this.returning : this.newcomers).push(resolve))
    else this.active++
    const started = this.now()
    try {
      return await work()
    } finally {
      // A moving average: the estimate follows the load within a few dozen requests without jumping on one.
      this.holdMs = 0.9 * this.holdMs + 0.1 * Math.max(1, this.now() - started)
      const next = this.returning.shift() ?? this.newcomers.shift()
      // The place passes straight to the next in line (active stays as it is), or is freed.
      if (next) next()
      else this.active--
    }
  }

  /** For tests and logs. */
  get state(): { active: number; queued: number; returning: number; holdMs: number } {
    return {
      active: this.active,
      queued: this.returning.length + this.newcomers.length,
      returning: this.returning.length,
      holdMs: this.holdMs,
    }
  }
}
