// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { LOCALE_KEY } from '../plugins/i18n'

type Client = typeof import('./client')
let onSessionError: Client['onSessionError']
let takeStartupAnswer: Client['takeStartupAnswer']

/**
 * renderer/public/startup.js asks the core for the first screen's answers while the page loads; the stores take
 * each answer once through `takeStartupAnswer`.
 */
const invoke = vi.fn(async (channel: string, input?: unknown) =>
  channel === 'session/get-session'
    ? { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Войдите в систему' } }
    : { ok: true, value: { channel, input } },
)

beforeAll(async () => {
  // A page loads once: the script and the client as a fresh page has them, not as another file in this worker left
  // them (the test files share a module graph per worker).
  vi.resetModules()
  localStorage.setItem(LOCALE_KEY, 'en')
  Object.assign(window, { branchDesk: { invoke } })
  // @ts-expect-error -- a plain script without types; importing it runs it as the page would
  await import('../../public/startup.js')
  ;({ onSessionError, takeStartupAnswer } = await import('./client'))
})

describe('the startup calls', () => {
  it("are made at once, in the window's language as plugins/i18n.ts reads it", () => {
    expect(invoke.mock.calls).toEqual([
      ['app/set-locale', { locale: 'en' }],
      ['app/get-status', undefined],
      ['session/get-session', undefined],
    ])
  })

  it('give each answer once; the next load asks the core itself', async () => {
    const first = takeStartupAnswer('app/get-status')
    expect(await first).toEqual({ ok: true, value: { channel: 'app/get-status', input: undefined } })
    expect(takeStartupAnswer('app/get-status')).toBeNull()
  })

  it("pass a session error to the listeners as a call's would", async () => {
    const heard: string[] = []
    onSessionError((e) => heard.push(e.code))
    const answer = await takeStartupAnswer('session/get-session')
    expect(answer?.ok).toBe(false)
    expect(heard).toEqual(['UNAUTHENTICATED'])
  })
})
