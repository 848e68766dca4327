import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './openDatabase'

/** Kills a writer with SIGKILL in the middle of a transaction and checks what is left is whole. */
describe('a process killed mid-write', () => {
  it('leaves the database consistent: whole transactions only, each row with its outbox and audit entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-crash-'))
    const file = join(dir, 'db.sqlite')
    const fixture = resolve(import.meta.dirname, 'crashWriter.fixture.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    let committed = -1
    await new Promise<void>((done, fail) => {
      let buffer = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString()
        for (const m of buffer.matchAll(/committed (\d+)/g)) committed = Number(m[1])
        // Kill inside the third transaction, after at least two have committed.
        if (committed >= 1 && /in-tx 2/.test(buffer)) {
          child.kill('SIGKILL')
        }
      })
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL' ? done() : fail(new Error(`child exited without being killed: ${signal}`)),
      )
    })

    const db = await openDatabase(file)
    try {
      expect((await db.raw('PRAGMA integrity_check'))[0].integrity_check).toBe('ok')
      const staff = Number((await db('staff').count({ n: '*' }).first())!.n)
      // Whole batches only (batches 0 and 1 at least; never part of the one that was cut).
      expect(staff % 500).toBe(0)
      expect(staff).toBeGreaterThanOrEqual(1000)
      const outbox = Number((await db('outbox').where({ entity: 'staff' }).count({ n: '*' }).first())!.n)
      const audit = Number((await db('audit_log').where({ entity: 'staff' }).count({ n: '*' }).first())!.n)
      expect(outbox).toBe(staff)
      expect(audit).toBe(staff)
      const orphans = await db('staff').leftJoin('outbox', 'outbox.entity_id', 'staff.id').whereNull('outbox.seq')
      expect(orphans).toHaveLength(0)
    } finally {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
