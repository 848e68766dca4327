import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { serveTransferFile } from './transferFiles'

const NAME = '0f8b6c1e-3a2d-4e5f-9a7b-1c2d3e4f5a6b.pdf'
let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('preview files served to the page', () => {
  it('streams a preview once as application/pdf, then it is gone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bd-transfer-'))
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024, 7)])
    writeFileSync(join(dir, NAME), pdf)
    const r = await serveTransferFile(dir, NAME)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/pdf')
    expect(r.headers.get('content-length')).toBe(String(pdf.length))
    expect(Buffer.from(await r.arrayBuffer()).equals(pdf)).toBe(true)
    await new Promise((done) => setTimeout(done, 50))
    expect(existsSync(join(dir, NAME))).toBe(false)
    expect((await serveTransferFile(dir, NAME)).status).toBe(404)
  })

  it('serves nothing but a plain preview name in the folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bd-transfer-'))
    writeFileSync(join(dir, 'job.reply'), 'x')
    writeFileSync(join(dir, NAME.replace('.pdf', '.reply')), 'x')
    for (const name of [
      'job.reply',
      NAME.replace('.pdf', '.reply'),
      `../${NAME}`,
      `..%2F${NAME}`,
      `sub/${NAME}`,
      NAME.toUpperCase(),
      '',
    ]) {
      expect((await serveTransferFile(dir, name)).status, name).toBe(404)
    }
    expect(existsSync(join(dir, 'job.reply'))).toBe(true)
  })
})
