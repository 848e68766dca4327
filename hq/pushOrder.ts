import { HqHttpError } from './errors'

/** Where a batch stands in a device's pipelined push: the run it belongs to and its place in that run. */
export interface PushPlace {
  run: string
  index: number
}

interface DeviceTurns {
  run: string
  /** The index whose turn it is; batches before it are applied. */
  next: number
  /** A batch of this run failed: the ones sent after it must not be applied without it. */
  broken: boolean
}

/**
 * A device sends its next push batch while HQ applies the previous one (issue 12). Two requests of one device
 * may then reach HQ in either order, and HQ must apply them in the order they were made: a later batch may
 * build on records of the earlier one. Each pipelined batch carries its run and index; a batch waits here until
 * the one before it is applied. If that one failed, or never arrives, or the device started a new run (after
 * a failure it retries from the first unsent change), the waiting batch is refused and nothing of it is applied:
 * the device sends it again in order. HQ is one process, so the turns are kept in memory; batches without a
 * place (devices before protocol 2, offline bundles) are applied as they come, as before.
 */
export class PushOrder {
  private readonly devices = new Map<string, DeviceTurns>()
  private readonly waiting = new Map<string, Array<() => void>>()

  constructor(private readonly waitMs = 60_000) {}

  /** Resolves when it is this batch's turn; call the returned function with the outcome once it is applied. */
  async turn(deviceId: string, place: PushPlace): Promise<(applied: boolean) => void> {
    const state = this.devices.get(deviceId)
    if (place.index === 0 && (!state || state.run < place.run)) {
      // A new run (run ids are UUIDv7: they sort by time): batches still waiting from an earlier one are refused.
      this.devices.set(deviceId, { run: place.run, next: 0, broken: false })
      this.wake(deviceId)
    }
    const deadline = Date.now() + this.waitMs
    for (;;) {
      const s = this.devices.get(deviceId)
      // A batch of an older run or of a run that broke: refused, nothing of it applied.
      if (s && (s.run > place.run || (s.run === place.run && s.broken)))
        throw new HqHttpError(409, 'push-out-of-order', 'an earlier batch of this push was not applied')
      // Its turn — or a batch delivered twice, whose changes get their stored answers (hq/push.ts).
      if (s && s.run === place.run && s.next >= place.index) break
      const left = deadline - Date.now()
      if (left <= 0) throw new HqHttpError(409, 'push-out-of-order', 'the batch before this one did not arrive')
      // Its run has not started here yet, or the batch before it is still being applied.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        const list = this.waiting.get(deviceId) ?? []
        list.push(() => {
          clearTimeout(timer)
          resolve()
        })
        this.waiting.set(deviceId, list)
      })
    }
    return (applied) => {
      const s = this.devices.get(deviceId)
      if (!s || s.run !== place.run) return
      if (applied) s.next = Math.max(s.next, place.index + 1)
      else s.broken = true
      this.wake(deviceId)
    }
  }

  private wake(deviceId: string): void {
    const list = this.waiting.get(deviceId)
    this.waiting.delete(deviceId)
    for (const w of list ?? []) w()
  }
}
