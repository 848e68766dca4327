import { describe, expect, it } from 'vitest'
import { latestResult } from './latestResult'

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('latestResult', () => {
  it('keeps only the answer to the newest request when answers arrive out of order', async () => {
    const answers = [deferred<string>(), deferred<string>()]
    let n = 0
    const live = latestResult(() => answers[n++]!.promise)
    const first = live.refresh()
    const second = live.refresh()
    answers[1]!.resolve('new')
    await second
    answers[0]!.resolve('old')
    await first
    expect(live.value.value).toBe('new')
    expect(live.stale.value).toBe(false)
  })

  it('is stale from an edit until the next answer, and an answer begun before the edit does not clear it', async () => {
    const answer = deferred<string>()
    const live = latestResult(() => answer.promise)
    const pending = live.refresh()
    live.invalidate()
    answer.resolve('before the edit')
    await pending
    expect(live.stale.value).toBe(true)
    expect(live.value.value).toBeNull()
  })

  it('keeps the last value when a refresh has nothing to say', async () => {
    const results: (string | undefined)[] = ['first', undefined]
    const live = latestResult(async () => results.shift())
    await live.refresh()
    await live.refresh()
    expect(live.value.value).toBe('first')
    expect(live.stale.value).toBe(false)
  })
})
