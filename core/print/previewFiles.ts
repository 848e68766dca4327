import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PREVIEW_FILE_PATTERN } from '../../shared/print/contract'

/** A preview the page never loaded (a dialog closed first, a page reloaded) is removed after this long. */
export const PREVIEW_TTL_MS = 2 * 60_000

/**
 * Previews as one-time files in the transfer folder (`<userData>/shell-transfer`, shared with print transfers):
 * the answer names the file, the shell serves it once to the page (app://…/transfer/<name>) and deletes it. A PDF
 * of a 20-photo report is ~24 MB; as base64 in the answer the main process had to deserialise and copy 32 MB on
 * its thread. Files are private to the user (0600) and removed after `ttlMs` whatever happens to them.
 */
export class PreviewFiles {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    readonly dir: string,
    private readonly ttlMs = PREVIEW_TTL_MS,
  ) {}

  /** Writes the PDF and answers its name (`<uuid>.pdf`). */
  async put(pdf: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const name = `${randomUUID()}.pdf`
    const path = join(this.dir, name)
    await writeFile(path, pdf, { mode: 0o600 })
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void rm(path, { force: true })
    }, this.ttlMs)
    // A pending removal never keeps a test or the host's process alive; the host clears the folder at start.
    timer.unref()
    this.timers.add(timer)
    return name
  }

  /** Stops the removal timers (the core closing); files left behind are cleared at the next start. */
  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

/** What the shell does with a preview, for tests: reads the named file and removes it. Only a preview's own name. */
export async function takePreviewPdf(dir: string, name: string): Promise<Buffer> {
  if (!PREVIEW_FILE_PATTERN.test(name)) throw new Error(`Not a preview file name: ${name}`)
  const path = join(dir, name)
  const pdf = await readFile(path)
  await rm(path, { force: true })
  return pdf
}
