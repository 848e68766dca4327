import { describe, expect, it, vi } from 'vitest'
import type { Dispatch } from '../../core/ipc/dispatch'
import { readStartupArgument } from '../../shared/app/startupArgument'
import { startupArguments } from './startupState'

const status = {
  firstRun: true,
  branch: null,
  hq: { state: 'not-configured' },
  appVersion: '1.0.0',
  referenceVersions: {},
  timeZone: 'Europe/Moscow',
  now: '2026-12-05T21:00:00.000Z',
}

describe("a new window's startup arguments", () => {
  it("hold the core's answers for a client with no session, asked as the app's own page", async () => {
    const dispatch = vi.fn<Dispatch>(async (channel) =>
      channel === 'app/get-status' ? { ok: true, value: status } : { ok: true, value: { status: 'signed-out' } },
    )
    const args = await startupArguments(dispatch, 'app://branch-desk/index.html')
    expect(args).toHaveLength(1)
    expect(readStartupArgument(args)).toEqual({ status, session: { status: 'signed-out' } })
    expect(dispatch.mock.calls.map(([channel]) => channel).sort()).toEqual(['app/get-status', 'session/get-session'])
    for (const [, , origin] of dispatch.mock.calls)
      expect(origin).toEqual({
        clientId: 'shell-startup',
        senderUrl: 'app://branch-desk/index.html',
        isMainFrame: true,
      })
  })

  it('are none, with the cause logged, when the core refuses or answers what the schema does not allow', async () => {
    const log = vi.fn()
    const refused: Dispatch = async () => ({ ok: false, error: { code: 'INTERNAL', message: 'stopped' } })
    expect(await startupArguments(refused, 'app://branch-desk/index.html', log)).toEqual([])
    const odd: Dispatch = async (channel) =>
      channel === 'app/get-status'
        ? { ok: true, value: { ...status, firstRun: 'yes' } }
        : { ok: true, value: { status: 'signed-out' } }
    expect(await startupArguments(odd, 'app://branch-desk/index.html', log)).toEqual([])
    expect(log).toHaveBeenCalledTimes(2)
  })
})
