// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'

/**
 * renderer/public/startup.js asks nothing when the shell gave the window its first screen's state: the page draws
 * from it and confirms it with the core once drawn (client.test.ts covers a page without it).
 */
describe('startup.js with the startup state', () => {
  it('asks the core nothing while the page loads', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    Object.assign(window, { branchDesk: { invoke }, branchDeskStartupState: { status: {}, session: {} } })
    // @ts-expect-error -- a plain script without types; importing it runs it as the page would
    await import('../../public/startup.js')
    expect(invoke).not.toHaveBeenCalled()
    expect(window.branchDeskStartup).toBeUndefined()
  })
})
