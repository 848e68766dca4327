import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blanksLifecycle } from '../../shared/blanks/lifecycle'
import { AppError } from '../app/appError'
import { openDatabase, type Db } from './openDatabase'
import { syncedTable } from './syncedTables'
import { write } from './write'

let dir: string
let db: Db
const actor = { userId: null, login: 'test' }
const now = new Date('2026-11-21T10:00:00Z')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-write-lifecycle-'))
  db = await openDatabase(join(dir, 'db.sqlite'))
})
afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Blanks show the Writer's own check apart from the database's: their triggers allow an available blank to stay
 * available under an edit, a spoiled one to be created spoiled and its reason to change — the lifecycle has none of
 * these moves, so the Writer refuses them before any SQL runs.
 */
let seq = 0
const fresh = () => ({ series: 'ХХХ', number: String(++seq).padStart(10, '0'), received_at: now.toISOString() })
const spoiled = { status: 'spoiled' as const, spoiled_at: now.toISOString(), spoiled_reason: 'Замят' }

async function outcome(fn: Parameters<typeof write>[4]): Promise<string> {
  try {
    await write(db, actor, 'test.write', now, fn)
    return 'written'
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.message}`
    throw e
  }
}
const count = async (table: string) => Number(((await db(table).count({ n: '*' }).first()) as { n: number }).n)

describe('the Writer asserts the table’s lifecycle', () => {
  it('creates a record only in an initial status', async () => {
    expect(await outcome((w) => w.insert('policy_blank', { ...fresh(), status: 'available' }))).toBe('written')
    const number = fresh()
    expect(await outcome((w) => w.insert('policy_blank', { ...number, ...spoiled }))).toBe(
      'CONFLICT:errors.badTransition',
    )
    expect(await db('policy_blank').where({ number: number.number })).toHaveLength(0)
  })

  it('refuses a move the lifecycle lacks, with nothing written — row, outbox or audit', async () => {
    const row = await write(db, actor, 'test.write', now, (w) =>
      w.insert('policy_blank', { ...fresh(), status: 'available' }),
    )
    const [outbox, audit] = [await count('outbox'), await count('audit_log')]
    // A change that keeps the status is a move too, and a blank has none.
    expect(await outcome((w) => w.update('policy_blank', row.id, { number: '9999999999' }))).toBe(
      'CONFLICT:errors.badTransition',
    )
    expect([await count('outbox'), await count('audit_log')]).toEqual([outbox, audit])
    expect(await db('policy_blank').where({ id: row.id }).first()).toMatchObject({ row_version: 1 })
    expect(await outcome((w) => w.update('policy_blank', row.id, spoiled))).toBe('written')
    expect(await outcome((w) => w.update('policy_blank', row.id, { spoiled_reason: 'Порван' }))).toBe(
      'CONFLICT:errors.badTransition',
    )
  })

  it('property: over random walks, a write lands exactly when the lifecycle has the move', async () => {
    const shape = {
      available: { status: 'available', spoiled_at: null, spoiled_reason: null },
      spoiled,
    } as const
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('available', 'spoiled') as fc.Arbitrary<keyof typeof shape>),
        async (walk) => {
          const row = await write(db, actor, 'test.write', now, (w) =>
            w.insert('policy_blank', { ...fresh(), status: 'available' }),
          )
          let status = 'available'
          for (const to of walk) {
            const got = await outcome((w) => w.update('policy_blank', row.id, shape[to]))
            expect(got).toBe(blanksLifecycle.allows(status, to) ? 'written' : 'CONFLICT:errors.badTransition')
            if (got === 'written') status = to
            expect((await db('policy_blank').where({ id: row.id }).first()).status).toBe(status)
          }
        },
      ),
      { numRuns: 25 },
    )
  })

  it('the features’ synced tables name their lifecycles; decisions are append-only', () => {
    for (const t of ['osago_policy', 'casco_quote', 'inspection', 'termination_application', 'policy_blank']) {
      expect(syncedTable(t)?.lifecycle?.table, t).toBe(t)
    }
    expect(syncedTable('approval_decision')?.lifecycle?.appendOnly).toBe(true)
  })
})
