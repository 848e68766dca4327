import { net, protocol } from 'electron'
import { relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'
import { serveTransferFile, TRANSFER_PATH_PREFIX } from './transferFiles'

/** Must run before `app.ready`: app:// behaves like https for the renderer (secure context, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer from disk under app://branch-desk/ with the CSP header. Paths are resolved inside
 * the renderer folder and anything that escapes it (../, encoded or not) is refused. `/transfer/<uuid>.pdf` is a
 * preview the core left in `transferDir` (electron/main/transferFiles.ts): served once, then deleted.
 */
export function serveRenderer(rendererDir: string, opts: { transferDir?: string } = {}): void {
  const root = resolve(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    if (url.pathname.startsWith(TRANSFER_PATH_PREFIX)) {
      // The raw path, not decoded: a name with %2F or .. never matches the plain uuid pattern.
      const name = url.pathname.slice(TRANSFER_PATH_PREFIX.length)
      if (!opts.transferDir || request.method !== 'GET') return new Response('Not found', { status: 404 })
      return serveTransferFile(opts.transferDir, name)
    }
    const path = resolveInside(root, decodeURIComponent(url.pathname))
    if (!path) return new Response('Forbidden', { status: 403 })
    const response = await net.fetch(pathToFileURL(path).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}

export function resolveInside(root: string, pathname: string): string | null {
  const target = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  const rel = relative(root, target)
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== target) return null
  return target
}
