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
    const row = await write(db, actor, 'branch.created', now, (w) =>
      w.insert('branch', { code: 'A1', name: 'A', city: 'C' }),
    )
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(row).toMatchObject({ created_at: now.toISOString(), updated_at: now.toISOString(), row_version: 1 })
    const [outbox] = await db('outbox')
    expect(outbox).toMatchObject({ entity: 'branch', entity_id: row.id, op: 'insert', row_version: 1, sent_at: null })
    expect(JSON.parse(outbox.data)).toMatchObject({ code: 'A1' })
    const [audit] = await db('audit_log')
    expect(audit).toMatchObject({
      action: 'branch.created',
      entity: 'branch',
      entity_id: row.id,
      actor_login: 'test',
      before: null,
    })
  })

  it('rolls back the row, the outbox and the audit entry together when anything fails', async () => {
    await expect(
      write(db, actor, 'x', now, async (w) => {
        await w.insert('branch', { code: 'B1', name: 'B', city: 'C' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await db('branch')).toHaveLength(0)
    expect(await db('outbox')).toHaveLength(0)
    expect(await db('audit_log')).toHaveLength(0)
  })

  it('refuses a stale row version', async () => {
    const row = await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'C1', name: 'C', city: 'C' }))
    await write(db, actor, 'u', now, (w) => w.update('branch', row.id, { name: 'C2' }, 1))
    await expect(
      write(db, actor, 'u', now, (w) => w.update('branch', row.id, { name: 'C3' }, 1)),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await db('branch').first()).name).toBe('C2')
  })

  // The types refuse such a table already; the check stays for a name computed at run time.
  it('refuses writes to tables that are not registered for sync', async () => {
    await expect(
      write(db, actor, 'x', now, (w) => w.insert('sign_in_guard' as never, { login: 'a' } as never)),
    ).rejects.toThrow(/not registered/)
  })

  it('keeps the audit log append-only in the database itself', async () => {
    await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'D1', name: 'D', city: 'C' }))
    await expect(db('audit_log').update({ action: 'forged' })).rejects.toThrow(/append-only/)
    await expect(db('audit_log').delete()).rejects.toThrow(/append-only/)
  })
})

describe("Writer: claiming a row and taking HQ's version", () => {
  it('claims a row only while the filter lets it through, and records nothing for the claim', async () => {
    const row = await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'E1', name: 'E', city: 'C' }))
    const counts = async () => [(await db('outbox')).length, (await db('audit_log')).length]
    const before = await counts()
    expect(await write(db, actor, 'claim', now, (w) => w.claim('branch', row.id, (q) => q.where({ name: 'E' })))).toBe(
      row.id,
    )
    expect(
      await write(db, actor, 'claim', now, (w) => w.claim('branch', row.id, (q) => q.where({ name: 'other' }))),
    ).toBeNull()
    expect(await write(db, actor, 'claim', now, (w) => w.claim('branch', 'no-such-id'))).toBeNull()
    // A subquery may pick the row: the claim and the pick are one statement.
    expect(
      await write(db, actor, 'claim', now, (w) =>
        w.claim('branch', w.trx('branch').select('id').where({ code: 'E1' }).limit(1)),
      ),
    ).toBe(row.id)
    expect(await counts()).toEqual(before)
    expect(await db('branch').where({ id: row.id }).first()).toMatchObject({
      row_version: 1,
      updated_at: now.toISOString(),
    })
    await expect(write(db, actor, 'claim', now, (w) => w.claim('sign_in_guard' as never, 'x'))).rejects.toThrow(
      /not registered/,
    )
  })

  it("writes HQ's version with an audit entry holding the local before-state and no outbox entry", async () => {
    const row = await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'F1', name: 'Local', city: 'C' }))
    const later = new Date('2026-11-22T08:00:00Z')
    await write(db, { userId: null, login: 'system' }, 'sync.hq-version', later, (w) =>
      w.applyHqVersion('branch', { ...row, name: 'From HQ', row_version: 5 }),
    )
    const fresh = {
      id: '0190a000-0000-7000-8000-000000000001',
      code: 'F2',
      name: 'New',
      city: 'C',
      created_at: 'x',
      updated_at: 'x',
      row_version: 2,
    }
    await write(db, { userId: null, login: 'system' }, 'sync.hq-version', later, (w) =>
      w.applyHqVersion('branch', fresh),
    )
    expect(await db('branch').where({ id: row.id }).first()).toMatchObject({ name: 'From HQ', row_version: 5 })
    expect(await db('outbox')).toHaveLength(1) // the local insert only
    const audit = await db('audit_log').where({ action: 'sync.hq-version' }).orderBy('seq')
    expect(audit.map((a: { entity_id: string; at: string }) => [a.entity_id, a.at])).toEqual([
      [row.id, later.toISOString()],
      [fresh.id, later.toISOString()],
    ])
    expect(JSON.parse(audit[0].before)).toMatchObject({ name: 'Local', row_version: 1 })
    expect(JSON.parse(audit[0].after)).toMatchObject({ name: 'From HQ', row_version: 5 })
    expect(audit[1].before).toBeNull()
  })

  it("keeps secrets out of the audit entry of HQ's version too", async () => {
    const branch = await write(db, actor, 'c', now, (w) => w.insert('branch', { code: 'G1', name: 'G', city: 'C' }))
    const staff = {
      id: '0190a000-0000-7000-8000-000000000002',
      branch_id: branch.id,
      login: 'u',
      full_name: 'U',
      role: 'clerk',
      password_hash: 'secret-hash',
      created_at: 'x',
      updated_at: 'x',
      row_version: 1,
    }
    await write(db, actor, 'sync.hq-version', now, (w) => w.applyHqVersion('staff', staff))
    const audit = await db('audit_log').where({ action: 'sync.hq-version' }).first()
    expect(audit.after).not.toContain('secret-hash')
    expect(JSON.parse(audit.after)).toMatchObject({ password_hash: '[redacted]' })
  })
})
