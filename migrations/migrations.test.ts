import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../core/db/openDatabase'
import { MIGRATIONS, migrationSource } from './index'

/**
 * Each migration is run from the schema before it (with data in it), then down and up again, so that a branch
 * upgrading from any shipped version gets there and a failed upgrade can be rolled back.
 */
let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-mig-'))
  db = await openDatabase(join(dir, 'db.sqlite'), { migrate: false })
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

async function tables(): Promise<string[]> {
  const rows = (await db.raw("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")) as { name: string }[]
  return rows.map((r) => r.name)
}

describe('migrations', () => {
  it('are named <timestamp>_<what> and ordered', () => {
    const names = MIGRATIONS.map((m) => m.name)
    expect([...names].sort()).toEqual(names)
    for (const n of names) expect(n).toMatch(/^\d{14}_[a-z0-9_]+$/)
  })

  it('20261121000001_foundation: from an empty database', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000001_foundation') })
    expect(await tables()).toEqual(['audit_log', 'branch', 'outbox', 'setting', 'sign_in_guard', 'staff'])
    // The role check constraint and foreign key are real.
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await expect(db('staff').insert({ id: 's', branch_id: 'b', login: 'l', full_name: 'f', role: 'ceo', password_hash: 'h', created_at: 'x', updated_at: 'x' }))
      .rejects.toThrow(/CHECK/)
    await expect(db('staff').insert({ id: 's', branch_id: 'nope', login: 'l', full_name: 'f', role: 'clerk', password_hash: 'h', created_at: 'x', updated_at: 'x' }))
      .rejects.toThrow(/FOREIGN KEY/)
    await db.migrate.rollback({ migrationSource: migrationSource() }, true)
    expect(await tables()).toEqual([])
    await db.migrate.latest({ migrationSource: migrationSource() })
    expect(await tables()).toContain('outbox')
  })

  it('the full chain runs up, down and up again', async () => {
    await db.migrate.latest({ migrationSource: migrationSource() })
    const [, done] = (await db.migrate.list({ migrationSource: migrationSource() })) as [unknown[], unknown[]]
    expect(done).toHaveLength(0)
    await db.migrate.rollback({ migrationSource: migrationSource() }, true)
    await db.migrate.latest({ migrationSource: migrationSource() })
  })
})
