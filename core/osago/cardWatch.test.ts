import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrationSource } from '../../migrations'
import { openDatabase, type Db } from '../db/openDatabase'
import type { PulledItem } from '../../shared/sync/protocol'
import { LocalSchema } from '../sync/localRows'
import { applyPage } from '../sync/pullChanges'
import { diagnosticCardsEnding } from './api'

/**
 * The radar's diagnostic-card candidates are kept by triggers (migration 20261206000008, osago_card_watch): every
 * way a policy, its document or its changes are written keeps them, and the radar reads only them. Rows go straight
 * into the migrated tables, as a pull or the bench's clones write them.
 */
let db: Db
const at = '2026-03-01T10:00:00.000Z'
const TODAY = '2026-03-01'
const UNTIL = '2026-04-30'

async function policy(id: string, status: string, endDate: string, validUntil: string | null): Promise<void> {
  const draft = { vehicle: validUntil ? { diagnosticCard: { number: '1', validUntil } } : {} }
  // A pulled page may bring the document before its policy or after it: both orders are used below.
  const doc = () => db('osago_document').insert({ id, created_at: at, updated_at: at, draft: JSON.stringify(draft) })
  const row = () =>
    db('osago_policy').insert({
      id,
      created_at: at,
      updated_at: at,
      status,
      end_date: endDate,
      policy_series: 'ХХХ',
      policy_number: id,
      search_text: id,
    })
  if (id.endsWith('d')) {
    await doc()
    await row()
  } else {
    await row()
    await doc()
  }
}
const watched = async () =>
  ((await db('osago_card_watch').orderBy('policy_id').select('policy_id')) as Array<{ policy_id: string }>).map(
    (r) => r.policy_id,
  )
const ending = async () => (await diagnosticCardsEnding(db, TODAY, UNTIL)).map((c) => c.policyId)

beforeEach(async () => {
  db = await openDatabase(':memory:')
  await db.raw('PRAGMA foreign_keys = OFF')
})
afterEach(async () => {
  await db.destroy()
})

describe('the diagnostic cards the radar watches (migration 20261206000008)', () => {
  it('watches an issued policy whose card ends before it, in either order of its rows, and no other', async () => {
    await policy('a', 'issued', '2026-12-31', '2026-04-01') // ends before the policy, within the horizon
    await policy('b-d', 'printed', '2026-12-31', '2026-06-01') // before the policy, past the horizon
    await policy('c', 'issued', '2026-12-31', '2027-06-01') // after the policy
    await policy('e', 'draft', '2026-12-31', '2026-04-01') // not issued
    await policy('f', 'issued', '2026-12-31', null) // no card
    await policy('g-d', 'issued', '2026-02-01', '2026-01-15') // ended before today
    expect(await watched()).toEqual(['a', 'b-d', 'g-d'])
    expect(await ending()).toEqual(['a'])
  })

  it('follows the policy (issued, terminated) and its document (a card changed while a draft, then issued)', async () => {
    await policy('a', 'draft', '2026-12-31', '2027-06-01')
    await db('osago_document')
      .where({ id: 'a' })
      .update({ draft: JSON.stringify({ vehicle: { diagnosticCard: { validUntil: '2026-04-10' } } }) })
    expect(await watched()).toEqual([])
    await db('osago_policy').where({ id: 'a' }).update({ status: 'issued' })
    expect(await ending()).toEqual(['a'])
    await db('osago_policy').where({ id: 'a' }).update({ terminated_on: '2026-03-02' })
    expect(await watched()).toEqual([])
    expect(await ending()).toEqual([])
  })

  it('watches a policy with an applied change whatever its issued card, and lets go when the change is gone', async () => {
    await policy('a', 'issued', '2026-12-31', '2027-06-01')
    expect(await watched()).toEqual([])
    const change = {
      id: 'ch1',
      created_at: at,
      updated_at: at,
      policy_id: 'a',
      kind: 'vehicle',
      status: 'calculated',
      print_form: 'addendum',
      effective_date: TODAY,
      before: '{}',
      after: '{}',
    }
    await db('osago_change').insert(change)
    expect(await watched()).toEqual([])
    await db('osago_change').where({ id: 'ch1' }).update({ status: 'applied' })
    expect(await db('osago_card_watch')).toMatchObject([{ policy_id: 'a', changed: 1 }])
    await db('osago_change').where({ id: 'ch1' }).delete()
    expect(await watched()).toEqual([])
  })

  it('lets go of a policy deleted with its document', async () => {
    await policy('a', 'issued', '2026-12-31', '2026-04-01')
    await db('osago_document').where({ id: 'a' }).delete()
    expect(await watched()).toEqual([])
    await db('osago_document').insert({ id: 'a', created_at: at, updated_at: at, draft: '{}' })
    await db('osago_policy').where({ id: 'a' }).delete()
    expect(await watched()).toEqual([])
  })

  it('finds the policies a database already holds when the migration runs, those not ended only', async () => {
    await db.destroy()
    db = await openDatabase(':memory:', { upTo: '20261206000007_blank_moves' })
    await db.raw('PRAGMA foreign_keys = OFF')
    await policy('a', 'issued', '2099-12-31', '2099-04-01')
    await policy('b', 'issued', '2000-12-31', '2000-04-01')
    await db.migrate.latest({ migrationSource: migrationSource() })
    expect(await watched()).toEqual(['a'])
  })

  it('is kept by a pulled page, its policies and documents held for multi-row inserts (core/db/write.ts canHold)', async () => {
    await db.raw('PRAGMA foreign_keys = ON')
    const item = (entity: string, id: string, data: Record<string, unknown>): PulledItem => ({
      kind: 'record',
      seq: '1',
      entity,
      id,
      rowVersion: 1,
      data: { id, created_at: at, updated_at: at, row_version: 1, ...data },
    })
    const issued = (id: string, validUntil: string) => [
      item('osago_policy', id, { status: 'issued', end_date: '2026-12-31', policy_series: 'ХХХ', policy_number: id }),
      item('osago_document', id, { draft: { vehicle: { diagnosticCard: { number: '1', validUntil } } } }),
    ]
    const summary = { pages: 0, records: 0, references: 0, waiting: 0 }
    await applyPage(
      db,
      new LocalSchema(),
      {
        items: [...issued('a', '2026-04-01'), ...issued('b', '2027-06-01'), ...issued('c', '2026-04-20')],
        cursor: '6',
        more: false,
      },
      null,
      () => new Date(at),
      summary,
    )
    expect(summary.records).toBe(6)
    expect(await ending()).toEqual(['a', 'c'])
  })
})
