import { uuidv7 } from 'uuidv7'
import { describe, expect, it } from 'vitest'
import { PushOrder } from './pushOrder'

/** A device's pipelined batches reach HQ in any order; HQ applies them in the order the device made them. */
describe('push order', () => {
  it('a batch that arrives before the one it follows waits for it; a failure refuses the batches behind it', async () => {
    const order = new PushOrder(5_000)
    const run = uuidv7()
    const applied: number[] = []
    const apply = async (index: number, ok = true) => {
      const done = await order.turn('dev', { run, index })
      applied.push(index)
      done(ok)
    }
    const second = apply(1)
    await new Promise((r) => setTimeout(r, 20))
    expect(applied).toEqual([])
    await apply(0)
    await second
    expect(applied).toEqual([0, 1])
    // Delivered twice: let through (HQ answers it from its log).
    await apply(1)
    const fourth = apply(3)
    await apply(2, false)
    await expect(fourth).rejects.toMatchObject({ status: 409, code: 'push-out-of-order' })
    expect(applied).toEqual([0, 1, 1, 2])
  })

  it('a new run refuses what still waits from the previous one; a lost predecessor times out', async () => {
    const order = new PushOrder(200)
    const old = uuidv7()
    const waiting = order.turn('dev', { run: old, index: 1 })
    await new Promise((r) => setTimeout(r, 5))
    const next = uuidv7()
    ;(await order.turn('dev', { run: next, index: 0 }))(true)
    await expect(waiting).rejects.toMatchObject({ code: 'push-out-of-order' })
    const started = Date.now()
    await expect(order.turn('dev', { run: next, index: 2 })).rejects.toMatchObject({ code: 'push-out-of-order' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    // Other devices are not affected.
    ;(await order.turn('other', { run: old, index: 0 }))(true)
  })
})
