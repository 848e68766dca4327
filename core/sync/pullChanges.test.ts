import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PulledItem } from '../../shared/sync/protocol'
import { openDatabase, type Db } from '../db/openDatabase'
import { recordCommits, synchronousNow } from '../testing/commitRecorder'
import { SYSTEM_ACTOR, write } from '../db/write'
import { LocalSchema } from './localRows'
import { applyPage, type PullSummary } from './pullChanges'
import { getState } from './syncState'

/** A pulled page goes in as one transaction (issue 12), with the same decisions record by record as before. */
let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-pull-page-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const at = '2026-12-05T10:00:00.000Z'
let seq = 0
const record = (entity: string, id: string, rowVersion: number, data: Record<string, unknown>): PulledItem => ({
  kind: 'record',
  seq: String(++seq),
  entity,
  id,
  rowVersion,
  data: { id, created_at: at, updated_at: at, row_version: rowVersion, ...data },
})
const branch = (id: string, code: string, v = 1) =>
  record('branch', id, v, { code, name: `Филиал ${code}`, city: 'Москва', time_zone: 'Europe/Moscow' })
const staff = (id: string, branchId: string, login: string, v = 1) =>
  record('staff', id, v, {
    branch_id: branchId,
    login,
    full_name: `Сотрудник ${login}`,
    role: 'clerk',
    password_hash: 'scrypt$…',
    active: true,
    must_change_password: false,
  })

async function apply(items: PulledItem[], cursor: string): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
  await applyPage(db, new LocalSchema(), { items, cursor, more: false }, null, () => new Date(at), summary)
  return summary
}
const ids = async (table: string) =>
  ((await db(table).orderBy('id').select('id')) as Array<{ id: string }>).map((r) => r.id)

describe('a pulled page in one transaction', () => {
  it('writes new and newer records with their audit, keeps what the device holds newer or has unsent, and lets a child wait for a parent later in the page', async () => {
    expect(await apply([branch('b1', 'MSK-01'), staff('s1', 'b1', 'anna')], '2')).toMatchObject({ records: 2 })
    // The device changes s1 and has not sent it yet; it also holds b1 at version 1.
    await write(db, SYSTEM_ACTOR, 'edit', new Date(at), (w) => w.update('staff', 's1', { full_name: 'Анна' }))
    const summary = await apply(
      [
        staff('s2', 'b2', 'boris'), // its branch comes later in this page
        branch('b1', 'MSK-01', 2),
        staff('s1', 'b1', 'anna', 2), // unsent local change: the push decides
        branch('b1', 'MSK-01', 1), // older than what the device holds now
        branch('b2', 'SPB-01'),
      ],
      '7',
    )
    // Counted as applied from the page itself; s2 went in at the end of the page, once its parent had (as before).
    expect(summary).toMatchObject({ records: 2 })
    expect(await ids('branch')).toEqual(['b1', 'b2'])
    expect(await ids('staff')).toEqual(['s1', 's2'])
    expect(await db('branch').where({ id: 'b1' }).first()).toMatchObject({ row_version: 2 })
    expect(await db('staff').where({ id: 's1' }).first()).toMatchObject({ full_name: 'Анна', row_version: 2 })
    expect(await db('sync_pull_deferred')).toEqual([])
    expect(await getState(db, 'cursor')).toBe('7')
    // Audited with the local before-state, no outbox entry for HQ's versions.
    const audit = (await db('audit_log')
      .where({ entity: 'branch', entity_id: 'b1', action: 'sync.hq-version' })
      .orderBy('id')) as Array<{
      before: string | null
      after: string
    }>
    expect(
      audit.map((a) => [JSON.parse(a.before ?? 'null')?.row_version ?? null, JSON.parse(a.after).row_version]),
    ).toEqual([
      [null, 1],
      [1, 2],
    ])
    expect(await db('outbox').whereNot({ entity: 'staff' })).toEqual([])
  })

  it('a record SQLite refuses waits in sync_pull_deferred; the rest of its page goes in', async () => {
    const summary = await apply(
      [branch('b1', 'MSK-01'), staff('s1', 'b1', 'anna'), staff('s2', 'b1', 'anna'), staff('s3', 'b1', 'vera')],
      '4',
    )
    expect(summary).toMatchObject({ records: 3 })
    expect(await ids('staff')).toEqual(['s1', 's3'])
    expect(await db('sync_pull_deferred')).toMatchObject([
      { entity: 'staff', id: 's2', reason: expect.stringContaining('refused') },
    ])
    expect(await getState(db, 'cursor')).toBe('4')
    expect(await db('audit_log').where({ action: 'sync.hq-version' }).count({ n: '*' }).first()).toMatchObject({ n: 3 })
  })

  it('commits a page without waiting for the disk, and every other write of the device still does', async () => {
    expect(await synchronousNow(db)).toBe(2) // FULL (core/db/openDatabase.ts)
    const { told, restore } = await recordCommits(db)
    try {
      // A write asked for while a page is applied waits for the page's commit and the reset: it commits FULL.
      const page = apply([branch('b1', 'MSK-01'), staff('s1', 'b1', 'anna')], '2')
      const during = write(db, SYSTEM_ACTOR, 'edit', new Date(at), (w) =>
        w.update('staff', 's1', { full_name: 'Анна' }),
      )
      await Promise.all([page, during])
      expect(told).toEqual(['synchronous = NORMAL', 'BEGIN', 'COMMIT', 'synchronous = 2', 'BEGIN', 'COMMIT'])
      // The record-by-record way (staff s2 refused: the same login) is a page's transaction too.
      told.length = 0
      await apply([staff('s2', 'b1', 'anna'), staff('s3', 'b1', 'vera')], '4')
      expect(told).toEqual([
        ...['synchronous = NORMAL', 'BEGIN', 'ROLLBACK', 'synchronous = 2'],
        ...['synchronous = NORMAL', 'BEGIN', 'COMMIT', 'synchronous = 2'],
      ])
      expect(await ids('sync_pull_deferred')).toEqual(['s2'])
    } finally {
      restore()
    }
    expect(await synchronousNow(db)).toBe(2)
  })
})
