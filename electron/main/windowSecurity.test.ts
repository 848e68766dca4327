import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * The Electron module is mocked: these tests prove the shell asks Electron for every hardening setting, and
 * each would fail if that setting were removed.
 */
const created: Array<{ options: Record<string, any>; webContents: FakeWebContents }> = []

class FakeWebContents {
  id = 7
  handlers = new Map<string, (...args: any[]) => void>()
  openHandler?: (details: { url: string }) => { action: string }
  on(event: string, fn: (...args: any[]) => void) {
    this.handlers.set(event, fn)
    return this
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn
  }
  getURL() {
    return 'app://branch-desk/index.html'
  }
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeWebContents()
    loadedUrl = ''
    constructor(public options: Record<string, any>) {
      created.push({ options, webContents: this.webContents })
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loadedUrl = url
      return Promise.resolve()
    }
  }
  return { BrowserWindow, app: {}, protocol: {}, net: {}, session: {}, ipcMain: {} }
})

const { createMainWindow } = await import('./mainWindow')
const { restrictPermissions, isCameraOnlyRequest, isDeveloperShortcut } = await import('./windowSecurity')
const { CONTENT_SECURITY_POLICY } = await import('./contentSecurityPolicy')

beforeEach(() => {
  created.length = 0
})

describe('main window hardening', () => {
  it('isolates the renderer: contextIsolation, sandbox, no Node, webSecurity, no webview', () => {
    createMainWindow({ preloadPath: '/x/preload/index.cjs' })
    const prefs = created[0]!.options.webPreferences
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.preload).toBe('/x/preload/index.cjs')
  })

  it("loads only the app's own page", () => {
    const win = createMainWindow({ preloadPath: '/p' }) as unknown as { loadedUrl: string }
    expect(win.loadedUrl).toBe('app://branch-desk/index.html')
  })

  it('denies navigation, redirects and webviews', () => {
    createMainWindow({ preloadPath: '/p' })
    const wc = created[0]!.webContents
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      wc.handlers.get(event)!({ preventDefault }, 'https://evil.example/')
      expect(preventDefault).toHaveBeenCalled()
    }
  })

  it('has no DevTools and swallows reload and DevTools keys unless developer tools are asked for (npm start)', () => {
    createMainWindow({ preloadPath: '/p' })
    expect(created[0]!.options.webPreferences.devTools).toBe(false)
    const keys = created[0]!.webContents.handlers.get('before-input-event')!
    const press = (input: Record<string, unknown>) => {
      const preventDefault = vi.fn()
      keys({ preventDefault }, { type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input })
      return preventDefault.mock.calls.length > 0
    }
    expect(press({ key: 'F5' })).toBe(true)
    expect(press({ key: 'r', control: true })).toBe(true)
    expect(press({ key: 'a', control: true })).toBe(false)
    createMainWindow({ preloadPath: '/p', developerTools: true })
    expect(created[1]!.options.webPreferences.devTools).toBe(true)
    expect(created[1]!.webContents.handlers.has('before-input-event')).toBe(false)
  })

  it('knows the reload and DevTools keys of Windows, Linux and macOS, on key down only', () => {
    const key = (k: string, mods: Record<string, boolean> = {}, type = 'keyDown') =>
      isDeveloperShortcut({ type, key: k, control: false, meta: false, shift: false, alt: false, ...mods } as never)
    for (const [k, mods] of [
      ['F5', {}],
      ['F12', {}],
      ['R', { control: true }],
      ['r', { meta: true }],
      ['R', { control: true, shift: true }],
      ['I', { control: true, shift: true }],
      ['J', { control: true, shift: true }],
      ['C', { control: true, shift: true }],
      ['i', { meta: true, alt: true }],
      ['BrowserRefresh', {}],
    ] as const) {
      expect(key(k, mods), `${k} ${JSON.stringify(mods)}`).toBe(true)
    }
    for (const [k, mods] of [
      ['r', {}],
      ['c', { control: true }],
      ['v', { control: true }],
      ['s', { control: true }],
      ['i', { shift: true }],
      ['F1', {}],
    ] as const) {
      expect(key(k, mods), `${k} ${JSON.stringify(mods)}`).toBe(false)
    }
    expect(key('F5', {}, 'keyUp')).toBe(false)
  })

  it('denies every new window', () => {
    createMainWindow({ preloadPath: '/p' })
    expect(created[0]!.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(created[0]!.webContents.openHandler!({ url: 'app://branch-desk/index.html' })).toEqual({ action: 'deny' })
  })
})

describe('permissions: camera only, only for the app page; no remote content', () => {
  function fakeSession() {
    const s = {
      request: undefined as any,
      check: undefined as any,
      beforeRequest: undefined as any,
      setPermissionRequestHandler(fn: any) {
        s.request = fn
      },
      setPermissionCheckHandler(fn: any) {
        s.check = fn
      },
      webRequest: {
        onBeforeRequest(fn: any) {
          s.beforeRequest = fn
        },
      },
    }
    return s
  }
  const appPage = { getURL: () => 'app://branch-desk/index.html' }

  it('grants the camera to the app page and refuses microphone, other permissions and other pages', () => {
    const s = fakeSession()
    restrictPermissions(s as any)
    const ask = (permission: string, details: object, contents = appPage) => {
      let granted: boolean | undefined
      s.request(contents, permission, (g: boolean) => (granted = g), details)
      return granted
    }
    expect(ask('media', { mediaTypes: ['video'], requestingUrl: 'app://branch-desk/index.html' })).toBe(true)
    expect(ask('media', { mediaTypes: ['video', 'audio'], requestingUrl: 'app://branch-desk/index.html' })).toBe(false)
    expect(ask('media', { mediaTypes: ['audio'], requestingUrl: 'app://branch-desk/index.html' })).toBe(false)
    expect(ask('media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' })).toBe(false)
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'midi',
      'openExternal',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(ask(p, { requestingUrl: 'app://branch-desk/index.html' })).toBe(false)
    }
    expect(s.check(appPage, 'media', 'app://branch-desk', { mediaType: 'video' })).toBe(true)
    expect(s.check(appPage, 'media', 'app://branch-desk', { mediaType: 'audio' })).toBe(false)
    expect(s.check(appPage, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false)
    expect(s.check(appPage, 'geolocation', 'app://branch-desk', {})).toBe(false)
    expect(isCameraOnlyRequest('media', { mediaTypes: [] }, 'app://branch-desk/index.html')).toBe(false)
  })

  it('cancels every request for remote content', () => {
    const s = fakeSession()
    restrictPermissions(s as any)
    const cancelled = (url: string) => {
      let result: { cancel: boolean } | undefined
      s.beforeRequest({ url }, (r: { cancel: boolean }) => (result = r))
      return result!.cancel
    }
    expect(cancelled('app://branch-desk/assets/index.js')).toBe(false)
    expect(cancelled('https://cdn.example/lib.js')).toBe(true)
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true)
    expect(cancelled('file:///etc/passwd')).toBe(true)
  })
})

describe('content security policy', () => {
  it('allows scripts only from the app itself and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
    expect(CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'))).toBe("script-src 'self'")
  })

  it('renderer/index.html carries the same policy (meta tags cannot carry frame-ancestors)', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8')
    // Attributes may be laid out on several lines (Prettier formats the HTML).
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ')
    expect(meta).toBe(expected)
  })
})
