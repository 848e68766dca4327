import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { PREVIEW_FILE_PATTERN } from '../../shared/print/contract'

/** Where the page asks for a preview: app://branch-desk/transfer/<uuid>.pdf (shared/print/contract.ts previewUrl). */
export const TRANSFER_PATH_PREFIX = '/transfer/'

/**
 * A preview PDF the core left in its transfer folder, answered to the page once and then deleted. Only a plain
 * `<uuid>.pdf` name directly in the folder is served (no path, no other file of the folder — print jobs, big
 * answers); anything else is 404. The file is streamed from disk in large chunks on the thread pool: the main
 * thread only passes buffers on, it never holds the whole PDF or decodes it. Imports nothing from 'electron', so
 * the smoke test and the main-thread bench run the same code.
 */
export async function serveTransferFile(transferDir: string, name: string): Promise<Response> {
  if (!PREVIEW_FILE_PATTERN.test(name)) return new Response('Not found', { status: 404 })
  const path = join(transferDir, name)
  let size: number
  try {
    const s = await stat(path)
    if (!s.isFile()) return new Response('Not found', { status: 404 })
    size = s.size
  } catch {
    return new Response('Not found', { status: 404 })
  }
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 })
  // Served once: gone when the page has read it, or gave up reading it (the core's timer removes the unread).
  stream.once('close', () => void rm(path, { force: true }))
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(size),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
