import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './openDatabase'
import { write } from './write'

let dir: string
let db: Db
const actor = { userId: null, login: 'test' }
const now = new Date('2026-11-21T10:00:00Z')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-write-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('Writer: one transaction for the row, its outbox entry and its audit entry', () => {
  it('opens the database in WAL with foreign keys on', async () => {
    expect((await db.raw('PRAGMA journal_mode'))[0].journal_mode).toBe('wal')
    expect((await db.raw('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1)
    expect((await db.raw('PRAGMA synchronous'))[0].synchronous).toBe(2)
  })

  it('gives new rows UUIDv7 ids, timestamps and version 1', async () => {
    const row = await write(db, actor, 'branch.created', now, (w) => w.insert('branch', { code: 'A1', name: 'A', city: 'C' }))
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(row).toMatchObject({ created_at: now.toISOString(), updated_at: now.toISOString(), row_version: 1 })
    const [outbox] = await db('outbox')
    expect(outbox).toMatchObject({ entity: 'branch', entity_id: row.id, op: 'insert', row_version: 1, sent_at: null })
    expect(JSON.parse(outbox.data)).toMatchObject({ code: 'A1' })
    const [audit] = await db('audit_log')
    expect(audit).toMatchObject({ action: 'branch.created', entity: 'branch', entity_id: row.id, actor_login: 'test', before: null })
  })

  it('rolls back the row, the outbox and the audit entry together when anything fails', async () => {
    await expect(write(db, actor, 'x', now, async (w) => {
      await w.insert('branch', { code: 'B1', name: 'B', city: 'C' })
      throw new Error('boom')
    })).rejects.toThrow('boom')
    expect(await db('branch')).toHaveLength(0)
    expect(await db('outbox')).toHaveLength(0)
    expect(await db('audit_log')).toHaveLength(0)
  })

  it('refuses a stale row version', async () => {
    const row = await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'C1', name: 'C', city: 'C' }))
    await write(db, actor, 'u', now, (w) => w.update('branch', row.id, { name: 'C2' }, 1))
    await expect(write(db, actor, 'u', now, (w) => w.update('branch', row.id, { name: 'C3' }, 1))).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await db('branch').first()).name).toBe('C2')
  })

  it('refuses writes to tables that are not registered for sync', async () => {
    await expect(write(db, actor, 'x', now, (w) => w.insert('sign_in_guard', { login: 'a' }))).rejects.toThrow(/not registered/)
  })

  it('keeps the audit log append-only in the database itself', async () => {
    await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'D1', name: 'D', city: 'C' }))
    await expect(db('audit_log').update({ action: 'forged' })).rejects.toThrow(/append-only/)
    await expect(db('audit_log').delete()).rejects.toThrow(/append-only/)
  })
})
