import { enrolDirect } from './testing/enrolDirect'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Change } from '../shared/sync/protocol'
import { publishReference } from './admin'
import { openHqDatabase, type HqDb } from './db'
import { pullFor } from './pull'
import { applyChanges, type DeviceIdentity } from './push'
import { writeRecords } from './records'
import { startPgCluster, type PgCluster } from './testing/pgCluster'
import { HQ_MIGRATIONS, hqMigrationSource, type HqMigration } from './migrations'

/**
 * Issue 12: one change sequence per branch instead of one global counter. Writers of different branches must not
 * wait for each other, and a pull cursor must never step over a change that commits later — checked with real
 * concurrency on PostgreSQL (several connections) and on the embedded SQLite database.
 */
const now = new Date('2026-12-05T10:00:00Z')
let pgc: PgCluster
const dirs: string[] = []
beforeAll(async () => {
  pgc = await startPgCluster()
}, 120_000)
afterAll(async () => {
  await pgc?.stop()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

let dbCount = 0
async function openBackend(kind: 'pg' | 'sqlite'): Promise<HqDb> {
  if (kind === 'pg') return openHqDatabase({ client: 'pg', url: await pgc.createDatabase(`seq_${++dbCount}`) })
  const dir = mkdtempSync(join(tmpdir(), 'bd-hqseq-'))
  dirs.push(dir)
  return openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
}

const enrol = (db: HqDb, branchCode: string, branchRecordId: string) => enrolDirect(db, branchCode, branchRecordId, now)

const row = (id: string, extra: Record<string, unknown>) => ({
  id,
  created_at: now.toISOString(),
  updated_at: now.toISOString(),
  row_version: 1,
  ...extra,
})
const insert = (entity: string, data: Record<string, unknown>): Change => ({
  changeId: uuidv7(),
  entity,
  entityId: String(data.id),
  op: 'insert',
  rowVersion: 1,
  data,
  changedAt: now.toISOString(),
  changedBy: null,
})
/** The branch's admin (`admin-<branch id>`, pushed with the branch) adds its clerks: HQ checks who made a change. */
const adminOf = (branchId: string) => `admin-${branchId}`
const staff = (branchId: string, login: string, role = 'clerk', id: string = uuidv7()): Change => ({
  ...insert(
    'staff',
    row(id, {
      branch_id: branchId,
      login,
      full_name: `Сотрудник ${login}`,
      role,
      password_hash: 'scrypt$…',
      active: true,
      must_change_password: false,
    }),
  ),
  changedBy: role === 'admin' ? null : adminOf(branchId),
})

/** A second device of the branch pulling page by page; checks that its cursor only moves forward. */
function puller(db: HqDb, device: DeviceIdentity, limit: number) {
  let cursor = '0'
  const seen = new Set<string>()
  return {
    seen,
    async pullAll(): Promise<void> {
      for (;;) {
        const page = await pullFor(db, device, cursor, limit)
        let last = Number(cursor)
        for (const item of page.items) {
          expect(Number(item.seq)).toBeGreaterThan(last)
          last = Number(item.seq)
          if (item.kind === 'record') seen.add(item.id)
        }
        expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor))
        cursor = page.cursor
        if (!page.more) return
      }
    },
  }
}

async function idsAtHq(db: HqDb, branchCode: string): Promise<Set<string>> {
  const rows = (await db('hq_record').where({ branch_code: branchCode }).select('id')) as Array<{ id: string }>
  return new Set(rows.map((r) => r.id))
}

describe.each(['pg', 'sqlite'] as const)('per-branch change sequences on %s', (kind) => {
  it('two branches pushing at once: a device of each, pulling all the while, misses nothing', async () => {
    const db = await openBackend(kind)
    try {
      const branches = [
        { code: 'MSK-01', recordId: 'b-msk' },
        { code: 'SPB-01', recordId: 'b-spb' },
      ]
      const pushers = await Promise.all(branches.map((b) => enrol(db, b.code, b.recordId)))
      const readers = await Promise.all(branches.map((b) => enrol(db, b.code, b.recordId)))
      const pulls = readers.map((r) => puller(db, r, 7))
      let pushing = true
      const push = async (device: DeviceIdentity, branchId: string, code: string) => {
        const first = await applyChanges(
          db,
          device,
          [
            insert('branch', row(branchId, { code, name: 'Ф', city: 'Г', time_zone: 'Europe/Moscow' })),
            staff(branchId, 'admin', 'admin', adminOf(branchId)),
          ],
          'push',
          now,
        )
        expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted'])
        for (let batch = 0; batch < 15; batch++) {
          const changes = Array.from({ length: 12 }, (_, i) => staff(branchId, `${code}-${batch}-${i}`))
          const results = await applyChanges(db, device, changes, 'push', now)
          expect(results.every((r) => r.status === 'accepted')).toBe(true)
        }
      }
      const readLoop = async (p: ReturnType<typeof puller>) => {
        while (pushing) await p.pullAll()
      }
      const reading = pulls.map(readLoop)
      await Promise.all(branches.map((b, i) => push(pushers[i]!, b.recordId, b.code)))
      pushing = false
      await Promise.all(reading)
      for (const [i, b] of branches.entries()) {
        await pulls[i]!.pullAll()
        const atHq = await idsAtHq(db, b.code)
        expect(atHq.size).toBe(2 + 15 * 12)
        expect([...pulls[i]!.seen].sort()).toEqual([...atHq].sort())
      }
    } finally {
      await db.destroy()
    }
  }, 120_000)

  it('a published reference file reaches branches that exist and branches created later, once', async () => {
    const db = await openBackend(kind)
    const dir = mkdtempSync(join(tmpdir(), 'bd-hqseq-ref-'))
    dirs.push(dir)
    try {
      const early = await enrol(db, 'MSK-01', 'b-msk')
      const file = join(dir, 'production-calendar.json')
      copyFileSync(join(import.meta.dirname, '..', 'resources', 'reference', 'production-calendar.json'), file)
      await publishReference(db, file, now)
      const late = await enrol(db, 'SPB-01', 'b-spb')
      for (const device of [early, late]) {
        const page = await pullFor(db, device, '0', 100)
        expect(page.items.filter((i) => i.kind === 'reference')).toHaveLength(1)
        expect((await pullFor(db, device, page.cursor, 100)).items).toEqual([])
      }
    } finally {
      await db.destroy()
    }
  }, 60_000)
})

describe('per-branch change sequences on PostgreSQL: locks', () => {
  it('a writer of one branch does not wait for another; a pull never passes a position not yet committed', async () => {
    const db = await openBackend('pg')
    try {
      const a = await enrol(db, 'MSK-01', 'b-msk')
      const reader = await enrol(db, 'MSK-01', 'b-msk')
      const b = await enrol(db, 'SPB-01', 'b-spb')
      const record = (branchCode: string, id: string) => ({
        entity: 'staff',
        id,
        branchCode,
        rowVersion: 1,
        data: { id, login: id },
        naturalKey: null,
        isNew: true,
        deviceId: a.id,
      })
      // An open transaction holding a position of MSK-01 (the first, not committed yet).
      const slow = await db.transaction()
      await writeRecords(slow, [record('MSK-01', 'slow')], now.toISOString())
      // Another writer of MSK-01 takes the next position: it has to wait for the first.
      const next = db.transaction((trx) => writeRecords(trx, [record('MSK-01', 'next')], now.toISOString()))
      // A push of another branch goes through meanwhile (with one global counter it would wait for `slow`).
      const other = applyChanges(
        db,
        b,
        [insert('branch', row('b-spb', { code: 'SPB-01', name: 'Ф', city: 'Г', time_zone: 'Europe/Moscow' }))],
        'push',
        now,
      )
      const timeout = new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 5_000))
      expect(await Promise.race([other.then(() => 'done' as const), timeout])).toBe('done')
      expect(await Promise.race([next.then(() => 'done' as const), new Promise((r) => setTimeout(r, 300))])).toBe(
        undefined,
      )
      // A pull now sees neither and keeps its cursor where it was.
      const before = await pullFor(db, reader, '0', 100)
      expect(before.items).toEqual([])
      await slow.commit()
      await next
      const after = await pullFor(db, reader, before.cursor, 100)
      expect(after.items.map((i) => (i.kind === 'record' ? i.id : i.kind))).toEqual(['slow', 'next'])
    } finally {
      await db.destroy()
    }
  }, 60_000)
})

describe('migration 20261205000020_hq_branch_sequence', () => {
  it('keeps every position a device holds: branches start at the old global value, old files keep theirs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-hqseq-mig-'))
    dirs.push(dir)
    const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') }, { migrate: false })
    try {
      const before = HQ_MIGRATIONS.filter((m) => m.name < '20261205000020')
      const source: ReturnType<typeof hqMigrationSource> = {
        getMigrations: async () => [...before],
        getMigrationName: (m: HqMigration) => m.name,
        getMigration: async (m: HqMigration) => m,
      }
      await db.migrate.latest({ migrationSource: source, tableName: 'hq_migrations' })
      // The old schema: one global sequence over two branches' records and a published file.
      const iso = now.toISOString()
      for (const code of ['MSK-01', 'SPB-01'])
        await db('hq_branch').insert({ code, name: code, city: 'Г', created_at: iso })
      const rec = (id: string, branch: string, seq: number) => ({
        entity: 'staff',
        id,
        branch_code: branch,
        row_version: 1,
        data: JSON.stringify({ id }),
        seq,
        created_at: iso,
        updated_at: iso,
      })
      await db('hq_record').insert([rec('m1', 'MSK-01', 1), rec('s1', 'SPB-01', 2), rec('m2', 'MSK-01', 4)])
      await db('hq_reference').insert({
        id: 'ref1',
        kind: 'calendar',
        version: '1',
        content: '{}',
        seq: 3,
        published_at: iso,
      })
      await db('hq_counter').where({ name: 'seq' }).update({ value: 4 })

      await db.migrate.latest({ migrationSource: hqMigrationSource(), tableName: 'hq_migrations' })
      expect(await db('hq_branch').orderBy('code').select('code', 'seq')).toEqual([
        { code: 'MSK-01', seq: 4 },
        { code: 'SPB-01', seq: 4 },
      ])
      const device = { id: 'dev', branchCode: 'MSK-01' }
      // A device whose cursor stood at 1 (after m1) gets the file and m2, as it would have before.
      const page = await pullFor(db, device, '1', 100)
      expect(page.items.map((i) => (i.kind === 'record' ? i.id : i.referenceKind))).toEqual(['calendar', 'm2'])
      expect(page.cursor).toBe('4')
      // New writes continue the branch's own sequence after the old global value.
      await db.transaction((trx) =>
        writeRecords(
          trx,
          [
            {
              entity: 'staff',
              id: 'm3',
              branchCode: 'MSK-01',
              rowVersion: 1,
              data: { id: 'm3' },
              naturalKey: null,
              isNew: true,
              deviceId: null,
            },
          ],
          iso,
        ),
      )
      expect((await pullFor(db, device, '4', 100)).items).toMatchObject([{ id: 'm3', seq: '5' }])
    } finally {
      await db.destroy()
    }
  })
})
