/** Injected everywhere time matters, so tests can move time (idle lock, lock-out) without sleeping. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-11-21T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current)
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
  set(date: Date): void {
    this.current = new Date(date)
  }
}
