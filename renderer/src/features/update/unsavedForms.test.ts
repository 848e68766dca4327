import { effectScope, nextTick, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'

const calls: Array<{ channel: string; input: unknown }> = []
vi.mock('../../api/client', () => ({
  call: vi.fn(async (channel: string, input: unknown) => {
    calls.push({ channel, input })
    return { ok: true, value: { count: 0 } }
  }),
}))
const { trackUnsavedForm, unsavedForms } = await import('./unsavedForms')

afterEach(() => {
  calls.length = 0
})

describe('unsaved forms reported to the core', () => {
  it('lists dirty forms, reports each change once after a moment, and forgets a form with its component', async () => {
    vi.useFakeTimers()
    const osago = ref(false)
    const casco = ref(false)
    const scope = effectScope()
    scope.run(() => trackUnsavedForm('osago-draft', osago))
    trackUnsavedForm('casco-draft', casco)
    expect(unsavedForms.value).toEqual([])
    osago.value = true
    casco.value = true
    await nextTick()
    vi.advanceTimersByTime(200)
    expect(calls).toEqual([
      { channel: 'update/report-unsaved-forms', input: { forms: [{ kind: 'osago-draft' }, { kind: 'casco-draft' }] } },
    ])
    // The OSAGO form's component goes away: its dirty flag no longer holds an update back.
    scope.stop()
    await nextTick()
    vi.advanceTimersByTime(200)
    expect(calls.at(-1)).toEqual({
      channel: 'update/report-unsaved-forms',
      input: { forms: [{ kind: 'casco-draft' }] },
    })
    casco.value = false
    await nextTick()
    vi.advanceTimersByTime(200)
    expect(calls.at(-1)!.input).toEqual({ forms: [] })
    expect(calls).toHaveLength(3)
    vi.useRealTimers()
  })
})
