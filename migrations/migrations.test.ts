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

  it('20261121000002_blanks: from the foundation schema with a branch and staff in it', async () => {
    await db.migrate.latest({ migrationSource: migrationSource('20261121000001_foundation') })
    await db('branch').insert({ id: 'b', code: 'A', name: 'A', city: 'A', created_at: 'x', updated_at: 'x' })
    await db('staff').insert({ id: 's', branch_id: 'b', login: 'admin', full_name: 'f', role: 'admin', password_hash: 'h', created_at: 'x', updated_at: 'x' })
    await db('outbox').insert({ change_id: 'c', entity: 'staff', entity_id: 's', op: 'insert', row_version: 1, data: '{}', changed_at: 'x' })

    await db.migrate.latest({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await tables()).toContain('policy_blank')
    expect(await db('staff')).toHaveLength(1)
    expect(await db('outbox')).toHaveLength(1)
    const blank = (id: string, number: string, extra: Record<string, unknown> = {}) =>
      ({ id, series: 'ХХХ', number, status: 'available', received_at: 'x', received_by: 's', created_at: 'x', updated_at: 'x', ...extra })
    await db('policy_blank').insert(blank('1', '0000000001'))
    await db('policy_blank').insert(blank('2', '0000000002', { status: 'used', policy_id: 'p', used_at: 'x', used_by: 's' }))
    await db('policy_blank').insert(blank('3', '0000000003', { status: 'spoiled', policy_id: 'p', spoiled_at: 'x', spoiled_by: 's', spoiled_reason: 'r' }))
    // One number once; statuses, staff references and the fields each status needs are enforced.
    await expect(db('policy_blank').insert(blank('4', '0000000001'))).rejects.toThrow(/UNIQUE/)
    await expect(db('policy_blank').insert(blank('4', '0000000004', { status: 'lost' }))).rejects.toThrow(/CHECK|do not match the status/)
    await expect(db('policy_blank').insert(blank('4', '0000000004', { received_by: 'nobody' }))).rejects.toThrow(/FOREIGN KEY/)
    await expect(db('policy_blank').insert(blank('4', '0000000004', { status: 'used' }))).rejects.toThrow(/do not match the status/)
    // A policy holds one used blank at a time.
    await expect(db('policy_blank').insert(blank('4', '0000000004', { status: 'used', policy_id: 'p', used_at: 'x' }))).rejects.toThrow(/UNIQUE/)
    await expect(db('policy_blank').where({ id: '2' }).update({ status: 'available', policy_id: null, used_at: null })).rejects.toThrow(/never returns/)

    // Rolling back this migration leaves the foundation and its data as they were; up again works.
    await db.migrate.down({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await tables()).toEqual(['audit_log', 'branch', 'outbox', 'setting', 'sign_in_guard', 'staff'])
    expect(await db('staff')).toHaveLength(1)
    await db.migrate.latest({ migrationSource: migrationSource('20261121000002_blanks') })
    expect(await db('policy_blank')).toHaveLength(0)
  })

  it('the full chain runs up, down and up again', async () => {
    await db.migrate.latest({ migrationSource: migrationSource() })
    const [, done] = (await db.migrate.list({ migrationSource: migrationSource() })) as [unknown[], unknown[]]
    expect(done).toHaveLength(0)
    await db.migrate.rollback({ migrationSource: migrationSource() }, true)
    await db.migrate.latest({ migrationSource: migrationSource() })
  })
})
