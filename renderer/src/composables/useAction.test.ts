import { describe, expect, it } from 'vitest'
import type { ApiError, Result } from '@shared/contract/result'
import { useAction } from './useAction'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('useAction', () => {
  it('is busy with the named action while it runs and gives its value', async () => {
    const action = useAction()
    const d = deferred<Result<number>>()
    const done = action.run('calculate', () => d.promise)
    expect(action.running.value).toBe('calculate')
    expect(action.busy.value).toBe(true)
    d.resolve({ ok: true, value: 42 })
    expect(await done).toBe(42)
    expect(action.busy.value).toBe(false)
    expect(action.error.value).toBeNull()
  })

  it('keeps a second press out while the first runs', async () => {
    const action = useAction()
    const d = deferred<Result<number>>()
    let calls = 0
    const first = action.run('submit', () => (calls++, d.promise))
    expect(await action.run('submit', () => (calls++, d.promise))).toBeNull()
    d.resolve({ ok: true, value: 1 })
    expect(await first).toBe(1)
    expect(calls).toBe(1)
  })

  it('keeps the refusal message and hands its field errors to the form', async () => {
    const given: ApiError[] = []
    const action = useAction({ onRefusal: (e) => given.push(e) })
    const error: ApiError = { code: 'VALIDATION', message: 'Check the fields', fieldErrors: { vin: 'validation.vin' } }
    expect(await action.run('save', async () => ({ ok: false, error }))).toBeNull()
    expect(action.error.value).toBe('Check the fields')
    expect(given).toEqual([error])
    // The next run starts clean.
    await action.run('save', async () => ({ ok: true, value: null }))
    expect(action.error.value).toBeNull()
  })

  it('does not leave the button spinning when the call throws', async () => {
    const action = useAction()
    expect(await action.run('save', () => Promise.reject(new Error('bridge gone')))).toBeNull()
    expect(action.busy.value).toBe(false)
    expect(action.error.value).toBe('bridge gone')
  })
})
