// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Router } from 'vue-router'
import type { AppStatus } from '@shared/app/contract'
import type { StartupState } from '@shared/app/startupState'
import type { SessionState } from '@shared/session/contract'

const status: AppStatus = {
  firstRun: false,
  branch: { id: 'b1', code: 'MSK-01', name: 'Филиал', city: 'Москва' },
  hq: { state: 'not-configured' },
  appVersion: '0.0.0',
  referenceVersions: {},
  timeZone: 'Europe/Moscow',
  now: '2026-05-29T20:30:00Z',
}
const signedIn: SessionState = {
  status: 'signed-in',
  user: { id: 'u1', login: 'admin', fullName: 'Иванова Мария Петровна', role: 'admin' },
  idleLockMinutes: 10,
}

/** The core's live answers, each released by the test when it likes (a round trip still on its way). */
const live = {
  status: status as AppStatus,
  session: { status: 'signed-out' } as SessionState,
  gate: Promise.resolve(),
}
vi.mock('../api/client', () => ({
  call: vi.fn(async (channel: string) => {
    if (channel === 'session/sign-in') return { ok: true, value: signedIn }
    // The core answers as things are when the call reaches it; the answer arrives when the gate opens.
    const value =
      channel === 'app/get-status' ? live.status : channel === 'session/get-session' ? live.session : { locale: 'ru' }
    await live.gate
    return { ok: true, value }
  }),
  takeStartupAnswer: () => null,
  onSessionError: () => () => undefined,
}))
const { call } = await import('../api/client')
const { useAppStatusStore } = await import('./appStatus')
const { useSessionStore } = await import('./session')
const { confirmStartupState } = await import('./confirmStartupState')

const initial: StartupState = { status, session: { status: 'signed-out' } }
const fakeRouter = () => {
  const replace = vi.fn(async () => undefined)
  return {
    replace,
    router: {
      isReady: async () => undefined,
      replace,
      currentRoute: { value: { fullPath: '/sign-in' } },
    } as unknown as Router,
  }
}

describe("the first screen from the shell's startup state", () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.mocked(call).mockClear()
    live.status = status
    live.session = { status: 'signed-out' }
    live.gate = Promise.resolve()
    window.branchDeskStartupState = initial
  })
  afterEach(() => {
    delete window.branchDeskStartupState
    vi.restoreAllMocks()
  })

  it('has the status and the session before any call to the core', () => {
    expect(useAppStatusStore().status).toEqual(status)
    expect(useAppStatusStore().today()).toBe('2026-05-29')
    const session = useSessionStore()
    expect(session.state).toEqual({ status: 'signed-out' })
    expect(session.known).toBe(true)
    expect(call).not.toHaveBeenCalled()
  })

  it('is not used by a reloaded page: its window may have a session the state was made before', () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type: 'reload' } as PerformanceNavigationTiming])
    expect(useAppStatusStore().status).toBeNull()
    expect(useSessionStore().known).toBe(false)
  })

  it('gives way to live answers that differ, and the route is settled again with them', async () => {
    live.status = { ...status, firstRun: true, branch: null }
    live.session = signedIn
    const { router, replace } = fakeRouter()
    await confirmStartupState(router, initial)
    expect(useAppStatusStore().status?.firstRun).toBe(true)
    expect(useSessionStore().state).toEqual(signedIn)
    expect(replace).toHaveBeenCalledWith({ path: '/sign-in', force: true })
  })

  it('leaves the route alone when the live answers tell the same first screen', async () => {
    const { router, replace } = fakeRouter()
    await confirmStartupState(router, initial)
    expect(replace).not.toHaveBeenCalled()
  })

  it("drops a live session answer overtaken by the user's own sign-in", async () => {
    let release = () => undefined as void
    live.gate = new Promise<void>((r) => (release = r))
    const session = useSessionStore()
    const refresh = session.refresh()
    await session.signIn('admin', 'Admin12345')
    release()
    await refresh
    expect(session.state).toEqual(signedIn)
  })

  it('drops a status answer overtaken by a later load (the branch made on the first-run screen)', async () => {
    let release = () => undefined as void
    live.gate = new Promise<void>((r) => (release = r))
    live.status = { ...status, firstRun: true, branch: null }
    const app = useAppStatusStore()
    const first = app.load()
    live.gate = Promise.resolve()
    live.status = status
    const later = app.load()
    await later
    release()
    await first
    expect(app.status?.firstRun).toBe(false)
  })
})
