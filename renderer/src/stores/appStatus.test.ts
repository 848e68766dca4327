// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AppStatus } from '@shared/app/contract'

/** The core's answer to app/get-status; the window's own clock is set apart from the core's in each test. */
const status: AppStatus = {
  firstRun: false,
  branch: null,
  hq: { state: 'not-configured' },
  appVersion: '0.0.0',
  referenceVersions: {},
  timeZone: 'Europe/Moscow',
  now: '2026-05-29T20:30:00Z',
}
vi.mock('../api/client', () => ({
  call: vi.fn(async (channel: string) =>
    channel === 'app/get-status' ? { ok: true, value: status } : { ok: true, value: { locale: 'ru' } },
  ),
  takeStartupAnswer: () => null,
}))

const { useAppStatusStore } = await import('./appStatus')

describe("the app status store's today", () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it("is the date in the branch's zone by the core's clock, not the window's", async () => {
    // The window thinks it is December; the core's clock says 29 May, 23:30 in Moscow.
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'))
    const store = useAppStatusStore()
    await store.load()
    expect(store.today()).toBe('2026-05-29')
    // Forty minutes on, past midnight in Moscow: a form left open gets the new day.
    vi.setSystemTime(new Date('2026-12-05T10:40:00Z'))
    expect(store.today()).toBe('2026-05-30')
  })

  it("gives an instant's date in the branch's zone", async () => {
    const store = useAppStatusStore()
    await store.load()
    expect(store.dateOf(new Date('2026-03-01T22:30:00Z'))).toBe('2026-03-02')
  })
})
