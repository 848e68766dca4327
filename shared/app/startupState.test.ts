import { describe, expect, it } from 'vitest'
import { readStartupArgument, STARTUP_ARGUMENT_PREFIX } from './startupArgument'
import { startupArgument, type StartupState } from './startupState'

const state: StartupState = {
  status: {
    firstRun: false,
    branch: { id: 'b1', code: 'MSK-01', name: 'Филиал «Тверской»', city: 'Москва' },
    hq: { state: 'enrolled', branchCode: 'MSK-01', online: null, lastSuccessAt: null },
    appVersion: '1.0.0',
    referenceVersions: { osagoTariff: '2025-1', calendar: null },
    timeZone: 'Europe/Moscow',
    now: '2026-12-05T21:00:00.000Z',
  },
  session: { status: 'signed-out' },
}

describe('the startup state argument', () => {
  it('carries the state through a process argument unchanged (quotes, Cyrillic and all)', () => {
    const arg = startupArgument(state)
    expect(arg.startsWith(STARTUP_ARGUMENT_PREFIX)).toBe(true)
    expect(readStartupArgument(['--type=renderer', arg, '--lang=ru'])).toEqual(state)
  })

  it('is refused by the shared schema when the state does not fit, so no window gets it', () => {
    expect(() => startupArgument({ ...state, extra: 1 })).toThrow()
    expect(() => startupArgument({ ...state, session: { status: 'signed-in' } })).toThrow()
    expect(() => startupArgument({ ...state, status: { ...state.status, now: 'yesterday' } })).toThrow()
  })

  it('reads as nothing when absent or not JSON', () => {
    expect(readStartupArgument(['--type=renderer'])).toBeNull()
    expect(readStartupArgument([`${STARTUP_ARGUMENT_PREFIX}{not json`])).toBeNull()
  })
})
