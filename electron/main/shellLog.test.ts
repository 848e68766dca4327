import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openShellLog } from './shellLog'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-log-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the shell log', () => {
  it('writes JSON lines with errors serialised, and everything is on disk after flush()', async () => {
    const log = openShellLog(join(dir, 'logs'))
    log.info('starting', { version: '1.2.3' })
    log.error('it broke', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))
    log.error('a string was thrown', 'plain text')
    await log.flush()
    const lines = readFileSync(join(dir, 'logs', 'main.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
    expect(lines.map((l) => l.msg)).toEqual(['starting', 'it broke', 'a string was thrown'])
    expect(lines[0]).toMatchObject({ level: 30, version: '1.2.3' })
    expect(lines[1]!.err).toMatchObject({ type: 'Error', message: 'disk full', code: 'ENOSPC' })
    expect(lines[1]!.err.stack).toContain('shellLog.test.ts')
    expect(lines[2]!.err.message).toBe('plain text')
    expect(log.dir).toBe(join(dir, 'logs'))
  })

  it('rotates past 5 MB and keeps four old files', async () => {
    const log = openShellLog(dir)
    const filler = 'x'.repeat(10_000)
    for (let i = 0; i < 3_000; i++) log.info('filler', { i, filler })
    await log.flush()
    await new Promise((r) => setTimeout(r, 200))
    await log.flush()
    const files = readdirSync(dir).sort()
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.4.log', 'main.log'])
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThan(5.5 * 1024 * 1024)
  }, 60_000)

  it('falls back to another folder when the logs folder cannot be made, and says where it wanted to write', async () => {
    writeFileSync(join(dir, 'file'), 'not a folder')
    const log = openShellLog(join(dir, 'file', 'logs'), { fallbackDir: join(dir, 'fallback') })
    log.error('start failed', new Error('ENOTDIR'))
    await log.flush()
    expect(log.dir).toBe(join(dir, 'fallback'))
    const text = readFileSync(join(dir, 'fallback', 'main.log'), 'utf8')
    expect(text).toContain('the logs folder could not be used')
    expect(text).toContain(join(dir, 'file', 'logs'))
    expect(text).toContain('start failed')
    expect(existsSync(join(dir, 'file', 'logs'))).toBe(false)
  })
})
