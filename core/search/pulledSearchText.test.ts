import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PulledItem } from '../../shared/sync/protocol'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import type { OsagoDraft } from '../../shared/osago/draft'
import { osagoSearchText } from '../osago/osagoRows'
import { LocalSchema } from '../sync/localRows'
import { applyPage, type PullSummary } from '../sync/pullChanges'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'

/**
 * search_text is derived data (core/db/derived.ts): a row pulled from HQ as an older version wrote it (without the
 * insured's phone) gets it recomputed here by the feature's row function, so it is found by phone; nothing of it
 * goes to the outbox.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let draft: OsagoDraft
let local: Record<string, unknown>
let seq = 0

beforeAll(async () => {
  t = await makeTestCore()
  const today = todayIn('Europe/Moscow', t.clock.now())
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
  const p = await expectOk(call(t.core, 'osago/create-draft', undefined, 'c'))
  draft = completeDraft(today)
  Object.assign(draft.insured, { surname: 'Пулова', name: 'Анна', phone: '8 (903) 111-22-33' })
  await expectOk(call(t.core, 'osago/save-draft', { id: p.id, rowVersion: p.rowVersion, draft }, 'c'))
  local = (await t.core.db('osago_policy').where({ id: p.id }).first()) as Record<string, unknown>
}, 60_000)

afterAll(async () => t.dispose())

const record = (entity: string, id: string, rowVersion: number, data: Record<string, unknown>): PulledItem => ({
  kind: 'record',
  seq: String(++seq),
  entity,
  id,
  rowVersion,
  data: { ...data, id, row_version: rowVersion },
})

async function pull(items: PulledItem[]): Promise<void> {
  const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
  const at = t.clock.now()
  await applyPage(t.core.db, new LocalSchema(), { items, cursor: String(seq), more: false }, null, () => at, summary)
}

async function listed(query: string): Promise<string[]> {
  const page = await expectOk(call(t.core, 'osago/list-policies', { query }, 'c'))
  return page.items.map((i) => i.id).sort()
}

describe('search_text of rows pulled from HQ', () => {
  it('recomputes a pre-upgrade row (text without the phone) so it is found by phone, without an outbox entry', async () => {
    const id = '01900000-0000-7000-8000-0000000000aa'
    const outbox = Number(((await t.core.db('outbox').count({ n: '*' }).first()) as { n: number }).n)
    const { search_text: _ignored, ...row } = local
    await pull([
      record('osago_policy', id, 3, { ...row, search_text: 'пулова анна без телефона' }),
      record('osago_document', id, 3, {
        created_at: row.created_at,
        updated_at: row.updated_at,
        draft,
        calculation: null,
      }),
    ])
    const stored = (await t.core.db('osago_policy').where({ id }).first()) as { search_text: string }
    expect(stored.search_text).toContain('9031112233')
    expect(stored.search_text).not.toContain('без телефона')
    // Computed from the page in memory (its policy and document came together): what the rows read back give.
    expect([stored.search_text]).toEqual((await osagoSearchText.compute(t.core.db, [id])).map((r) => r.value))
    expect(await listed('903 111-22-33')).toContain(id)
    expect(await listed('89031112233')).toContain(id)
    expect(Number(((await t.core.db('outbox').count({ n: '*' }).first()) as { n: number }).n)).toBe(outbox)

    // Its document alone changes later (a new phone): the policy's text follows, the old phone no longer finds it.
    const changed = { ...draft, insured: { ...draft.insured, phone: '+7 916 444-55-66' } }
    await pull([
      record('osago_document', id, 4, {
        created_at: row.created_at,
        updated_at: row.updated_at,
        draft: changed,
        calculation: null,
      }),
    ])
    expect(await listed('9164445566')).toContain(id)
    expect(await listed('9031112233')).not.toContain(id)
  })
})
