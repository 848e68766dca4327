import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useStreetSuggestions } from './useStreetSuggestions'

/**
 * Street suggestions: one question after the clerk pauses (not one per letter), none without a region, and the
 * street as it stands when the answer comes is not offered back.
 */
const asked: Array<{ region: string; city: string; prefix: string }> = []
vi.mock('../../api/client', () => ({
  call: vi.fn(async (channel: string, input: { region: string; city: string; prefix: string }) => {
    if (channel !== 'osago/suggest-streets') return { ok: false, error: { code: 'INTERNAL', message: channel } }
    asked.push(input)
    return { ok: true, value: ['Ленина', 'Лесная'] }
  }),
}))

describe('useStreetSuggestions', () => {
  beforeEach(() => {
    asked.length = 0
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('asks once after the pause, with the address as it then is', async () => {
    const address = { region: 'Москва', city: '', street: 'Л' }
    const { suggestions, suggest } = useStreetSuggestions()
    suggest(() => address)
    address.street = 'Ле'
    suggest(() => address)
    await vi.advanceTimersByTimeAsync(249)
    expect(asked).toEqual([])
    address.street = 'Лен'
    await vi.advanceTimersByTimeAsync(1)
    expect(asked).toEqual([{ region: 'Москва', city: '', prefix: 'Лен' }])
    expect(suggestions.value).toEqual(['Ленина', 'Лесная'])
  })

  it('leaves out the street already typed in full, and does not ask without a region', async () => {
    const { suggestions, suggest } = useStreetSuggestions()
    suggest(() => ({ region: 'Москва', city: '', street: 'Ленина' }))
    await vi.advanceTimersByTimeAsync(250)
    expect(suggestions.value).toEqual(['Лесная'])

    suggest(() => ({ region: '', city: '', street: 'Ле' }))
    await vi.advanceTimersByTimeAsync(250)
    expect(asked).toHaveLength(1)
  })
})
