/**
 * The renderer's Content Security Policy: only the app's own scripts, no remote anything. Styles allow inline
 * because Vuetify sets component styles at run time; scripts never do. Kept in one place: the protocol handler
 * sends it as a header and renderer/index.html carries the same policy in a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

export const APP_SCHEME = 'app'
export const APP_HOST = 'branch-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The app's own page — the only sender the core accepts and the only origin that may use the camera. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true
  return Boolean(devServerUrl && sameOrigin(url, devServerUrl))
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}
