import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './openDatabase'
import { PreparedWrites } from './write'
import { auditGoesDirect } from './journalFiling'

let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-journal-'))
  db = await openDatabase(join(dir, 'a.sqlite'))
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const entry = (i: number, change: boolean) => ({
  change_id: change ? `c${i}` : null,
  op: change ? 'insert' : null,
  row_version: change ? 1 : null,
  data: change ? '{"id":"x"}' : null,
  audit_id: `a${i}`,
  at: '2026-12-06T00:00:00.000Z',
  actor_id: null,
  actor_login: 'system',
  action: 'test',
  entity: 'osago_policy',
  entity_id: `e${i}`,
  before: null,
  after: `{"n":${i}}`,
})

describe('audit-only journal entries', () => {
  it('go straight into audit_log on the migrated schema, in order, beside entries that go through the view', async () => {
    await db.transaction(async (trx) => {
      const conn = (await trx.client.acquireConnection()) as BetterSqlite3.Database
      expect(auditGoesDirect(conn)).toBe(true)
      const statements = await PreparedWrites.of(trx)
      statements.fileJournal([entry(1, false), entry(2, false), entry(3, true), entry(4, false)])
    })
    const audit = (await db('audit_log').orderBy('seq').select('id', 'after', 'actor_login')) as unknown[]
    expect(audit).toEqual([1, 2, 3, 4].map((i) => ({ id: `a${i}`, after: `{"n":${i}}`, actor_login: 'system' })))
    expect(await db('outbox').pluck('change_id')).toEqual(['c3'])
  })

  it('go through the view once the journal trigger is not the one the shortcut mirrors', async () => {
    await db.raw('DROP TRIGGER write_journal_file')
    await db.raw(`CREATE TRIGGER write_journal_file INSTEAD OF INSERT ON write_journal BEGIN
      INSERT INTO audit_log (id, at, actor_login, action, after) VALUES (NEW.audit_id, NEW.at, 'via-view', NEW.action, NEW.after);
    END`)
    await db.transaction(async (trx) => {
      const conn = (await trx.client.acquireConnection()) as BetterSqlite3.Database
      expect(auditGoesDirect(conn)).toBe(false)
      ;(await PreparedWrites.of(trx)).fileJournal([entry(1, false)])
    })
    expect(await db('audit_log').pluck('actor_login')).toEqual(['via-view'])
  })
})
