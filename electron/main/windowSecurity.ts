import type { BrowserWindowConstructorOptions, Input, Session, WebContents } from 'electron'
import { isAppUrl } from './contentSecurityPolicy'

/**
 * webPreferences of every window: the renderer is untrusted and gets no Node, no Electron, only the preload.
 * DevTools only where a developer runs the app (not packaged): at the counter they would open the database's
 * answers, and the page's scripts, to anyone at the keyboard.
 */
export function secureWebPreferences(
  preloadPath: string,
  opts: { devTools?: boolean } = {},
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    devTools: opts.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

/**
 * Navigation and new windows are denied outright: the app is one page with a hash router, so any navigation
 * is either a bug or an attack. Webviews are refused.
 */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * In an installed app there is no menu, so Chromium's own reload and DevTools keys are the only way left to
 * reload the page over a half-typed form or open DevTools: they are swallowed before the page sees them.
 */
export function blockDeveloperShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isDeveloperShortcut(input)) event.preventDefault()
  })
}

export function isDeveloperShortcut(
  input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>,
): boolean {
  if (input.type !== 'keyDown') return false
  const key = input.key.toLowerCase()
  const command = input.control || input.meta
  if (key === 'f5' || key === 'f12' || key === 'browserrefresh') return true
  if (command && key === 'r') return true
  if (command && input.shift && ['i', 'j', 'c'].includes(key)) return true
  return Boolean(input.meta && input.alt && key === 'i')
}

/**
 * Only the camera (inspectors photograph cars), and only for the app's own page. Everything else — microphone,
 * geolocation, notifications, USB, clipboard reads — is denied, both when asked and when checked.
 */
export function restrictPermissions(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      isCameraOnlyRequest(
        permission,
        details as { mediaTypes?: string[]; requestingUrl?: string },
        contents.getURL(),
        devServerUrl,
      ),
    )
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'media') return false
    const mediaType = (details as { mediaType?: string }).mediaType
    return mediaType === 'video' && isAppUrl(ensureUrl(requestingOrigin), devServerUrl)
  })
  // No remote content: anything that is neither the app's own page nor devtools is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) })
  })
}

export function isCameraOnlyRequest(
  permission: string,
  details: { mediaTypes?: string[]; requestingUrl?: string },
  pageUrl: string,
  devServerUrl?: string,
): boolean {
  if (permission !== 'media') return false
  const types = details.mediaTypes ?? []
  if (types.length === 0 || types.some((t) => t !== 'video')) return false
  return isAppUrl(details.requestingUrl ?? pageUrl, devServerUrl)
}

export function isAllowedRequestUrl(url: string, devServerUrl?: string): boolean {
  if (isAppUrl(url, devServerUrl)) return true
  // In development the dev server also talks over a websocket (hot reload) on the same host.
  if (devServerUrl && url.startsWith('ws://') && new URL(url).host === new URL(devServerUrl).host) return true
  return url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:')
}

function ensureUrl(origin: string): string {
  return origin.endsWith('/') ? origin : `${origin}/`
}
