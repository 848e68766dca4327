import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PREVIEW_FILE_PATTERN, previewUrl } from '../../shared/print/contract'
import { PreviewFiles, takePreviewPdf } from './previewFiles'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('preview files', () => {
  it('are private one-time files named by a uuid, loaded by the page beside itself', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bd-previews-'))
    const previews = new PreviewFiles(join(dir, 'shell-transfer'))
    const name = await previews.put(Buffer.from('%PDF-1.7 test'))
    expect(name).toMatch(PREVIEW_FILE_PATTERN)
    expect(previewUrl(name)).toBe(`transfer/${name}`)
    if (process.platform !== 'win32') expect(statSync(join(previews.dir, name)).mode & 0o777).toBe(0o600)
    expect((await takePreviewPdf(previews.dir, name)).toString()).toBe('%PDF-1.7 test')
    expect(readdirSync(previews.dir)).toEqual([])
    await expect(takePreviewPdf(previews.dir, '../secrets/token')).rejects.toThrow(/Not a preview file name/)
    previews.close()
  })

  it('a preview the page never loaded is removed after its time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bd-previews-'))
    const previews = new PreviewFiles(dir, 50)
    const kept = new PreviewFiles(dir, 60_000)
    const a = await previews.put(Buffer.from('%PDF-a'))
    const b = await kept.put(Buffer.from('%PDF-b'))
    await new Promise((r) => setTimeout(r, 150))
    expect(existsSync(join(dir, a))).toBe(false)
    expect(existsSync(join(dir, b))).toBe(true)
    kept.close()
  })
})
