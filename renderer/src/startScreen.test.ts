import { describe, expect, it } from 'vitest'
import type { StartupState } from '@shared/app/startupState'
import { opensOnStartScreen } from './startScreen'

const state = (firstRun: boolean, session: StartupState['session']): StartupState =>
  ({ status: { firstRun }, session }) as unknown as StartupState

describe('opensOnStartScreen', () => {
  const signedOut = state(false, { status: 'signed-out' })

  it('opens a new Russian window of a set-up branch on the start screen, at the root or the sign-in address', () => {
    for (const hash of ['', '#', '#/', '#/sign-in']) expect(opensOnStartScreen(signedOut, 'ru', hash)).toBe(true)
  })

  it('starts the whole app for any other first screen', () => {
    expect(opensOnStartScreen(null, 'ru', '')).toBe(false) // a reload: no startup state
    expect(opensOnStartScreen(state(true, { status: 'signed-out' }), 'ru', '')).toBe(false) // first run
    const user = { id: 'u', login: 'admin', fullName: 'A', role: 'admin' }
    const signedIn = state(false, { status: 'signed-in', user, idleLockMinutes: 10 } as StartupState['session'])
    expect(opensOnStartScreen(signedIn, 'ru', '')).toBe(false)
    expect(opensOnStartScreen(signedOut, 'en', '')).toBe(false) // the startup texts are Russian
    expect(opensOnStartScreen(signedOut, 'ru', '#/staff')).toBe(false) // another screen asked for
    expect(opensOnStartScreen(signedOut, 'ru', '#/sign-in?created=1')).toBe(false)
  })
})
