import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/contract'

vi.mock('electron', () => ({}))
const { registerIpc, originOf } = await import('./ipcBridge')

describe('IPC bridge', () => {
  it('registers exactly the contract channels and passes the sender frame to the core', async () => {
    const handlers = new Map<string, (event: any, input: unknown) => unknown>()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }))
    registerIpc({ handle: (c: string, fn: any) => void handlers.set(c, fn) } as any, dispatch)
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    const event = { sender: { id: 3 }, senderFrame: { url: 'app://branch-desk/index.html', parent: null } }
    await handlers.get('app/get-status')!(event, { a: 1 })
    expect(dispatch).toHaveBeenCalledWith(
      'app/get-status',
      { a: 1 },
      { clientId: 'wc-3', senderUrl: 'app://branch-desk/index.html', isMainFrame: true },
    )
  })

  it('marks sub-frames and missing frames as untrusted origins', () => {
    expect(
      originOf({ sender: { id: 1 }, senderFrame: { url: 'app://branch-desk/x', parent: {} } } as any).isMainFrame,
    ).toBe(false)
    expect(originOf({ sender: { id: 1 }, senderFrame: null } as any)).toEqual({
      clientId: 'wc-1',
      senderUrl: '',
      isMainFrame: false,
    })
  })
})
