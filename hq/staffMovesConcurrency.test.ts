import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Change } from '../shared/sync/protocol'
import { openHqDatabase, type HqDb } from './db'
import { applyChanges } from './push'
import { moveStaff } from './staffMoves'
import { insertChange, staffRow } from './testing/builders'
import { enrolDirect } from './testing/enrolDirect'
import { startPgCluster, type PgCluster } from './testing/pgCluster'

/**
 * Issue 13: two `npm run hq -- move-staff` of one member at the same moment (two administrators, or one command
 * run twice) on PostgreSQL, where transactions really run side by side. Before the branch rows were locked, both
 * read version n, both wrote n + 1, and the member was left with two open periods — in two branches at once.
 */
let pgc: PgCluster
beforeAll(async () => {
  pgc = await startPgCluster()
}, 120_000)
afterAll(async () => {
  await pgc?.stop()
})

const now = new Date('2026-12-05T10:00:00Z')
const change = (entity: string, data: Record<string, unknown>, changedBy: string | null): Change =>
  insertChange(entity, data, changedBy, now)
const staff = (id: string, branchId: string, role: string) => staffRow(id, branchId, id, { role })

describe('moving one staff member twice at once (PostgreSQL)', () => {
  let db: HqDb
  beforeAll(async () => {
    db = await openHqDatabase({ client: 'pg', url: await pgc.createDatabase('moves') }, { poolMax: 8 })
    for (const [code, id, admin] of [
      ['MSK-01', 'b-msk', 'm-admin'],
      ['SPB-01', 'b-spb', 's-admin'],
      ['KZN-01', 'b-kzn', 'k-admin'],
    ] as const) {
      const device = await enrolDirect(db, code, id, now)
      const changes = [
        change('branch', { id, code, name: 'Ф', city: 'Г' }, null),
        change('staff', staff(admin, id, 'admin'), null),
      ]
      if (code === 'MSK-01') changes.push(change('staff', staff('m-clerk', id, 'clerk'), admin))
      expect((await applyChanges(db, device, changes, 'push', now)).every((r) => r.status === 'accepted')).toBe(true)
    }
  }, 120_000)
  afterAll(async () => {
    await db?.destroy()
  })

  it('the moves go one after the other: each is a version step from where the last left the member, one open period (10 trials)', async () => {
    let branch = 'MSK-01'
    let moves = 0
    for (let trial = 0; trial < 10; trial++) {
      const targets = ['MSK-01', 'SPB-01', 'KZN-01'].filter((b) => b !== branch)
      const before = (await db('hq_record').where({ entity: 'staff', id: 'm-clerk' }).first('row_version')) as {
        row_version: number | string
      }
      const at = new Date(now.getTime() + (trial + 1) * 3_600_000)
      const outcomes = await Promise.allSettled(
        targets.map((to) => moveStaff(db, { staffId: 'm-clerk', toBranch: to }, at)),
      )
      const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
      // A move that overlapped the other is refused; one that came after it moves the member on from there.
      for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/meanwhile|already in/)
      expect(won.length).toBeGreaterThanOrEqual(1)
      if (won.length === 2) {
        const [a, b] = won as [{ from: string; to: string }, { from: string; to: string }]
        expect(a.to === b.from || b.to === a.from).toBe(true)
        branch = a.to === b.from ? b.to : a.to
      } else branch = won[0]!.to
      moves += won.length
      const after = (await db('hq_record').where({ entity: 'staff', id: 'm-clerk' }).first()) as {
        row_version: number | string
        branch_code: string
      }
      expect(Number(after.row_version)).toBe(Number(before.row_version) + won.length)
      expect(after.branch_code).toBe(branch)
      const open = (await db('hq_staff_branch').where({ staff_id: 'm-clerk' }).whereNull('until')) as Array<{
        branch_code: string
      }>
      expect(open.map((p) => p.branch_code)).toEqual([branch])
    }
    // The first period (Moscow, from the start) and one per move made.
    expect((await db('hq_staff_branch').where({ staff_id: 'm-clerk' })) as unknown[]).toHaveLength(1 + moves)
  }, 120_000)
})
