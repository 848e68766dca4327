import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ protocol: {}, net: {} }))
const { resolveInside } = await import('./appProtocol')

describe('app:// protocol path guard', () => {
  it('serves files inside the renderer folder only', () => {
    expect(resolveInside('/app/renderer', '/')).toBe('/app/renderer/index.html')
    expect(resolveInside('/app/renderer', '/assets/index.js')).toBe('/app/renderer/assets/index.js')
    expect(resolveInside('/app/renderer', '/../main/index.js')).toBeNull()
    expect(resolveInside('/app/renderer', '/assets/../../etc/passwd')).toBeNull()
    expect(resolveInside('/app/renderer', decodeURIComponent('/%2e%2e/%2e%2e/etc/passwd'))).toBeNull()
  })
})
