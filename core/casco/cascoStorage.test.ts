import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { completeCascoDraft } from '../../shared/casco/draftFixture'
import type { HandlerContext } from '../ipc/handlers'
import { call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import { quotedCase, today } from './testing/cascoCase'

/**
 * How a CASCO quote is stored (migration 20261205000017): the documents in casco_document, the hot row small,
 * documents as objects in the outbox, and the handlers answering from the rows the Writer wrote.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
beforeEach(async () => {
  t = await makeTestCore()
  await setupBranch(t.core)
  await signInAs(t.core, 'clerk', 'c')
})
afterEach(async () => t.dispose())

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i

/** The SQL statements a piece of work runs on the core's database (not BEGIN/COMMIT). */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = []
  const listener = (q: { sql: string }) => {
    if (DATA_STATEMENT.test(q.sql)) sql.push(q.sql)
  }
  t.core.db.on('query', listener)
  try {
    return { result: await work(), sql }
  } finally {
    t.core.db.off('query', listener)
  }
}

function clerkContext(): HandlerContext {
  return { clientId: 'c', locale: 'ru', user: null, actor: { userId: null, login: 'c' }, now: t.clock.now() }
}

describe('CASCO storage', () => {
  it('keeps the documents in casco_document and the hot row under 3 KB for a priced quote', async () => {
    // A realistic case: the full form, three options priced, one chosen.
    const q = await quotedCase(t.core, 'c')
    expect(q.result?.options).toHaveLength(3)
    const columns = (
      (await t.core.db.raw('SELECT name FROM pragma_table_info(?)', ['casco_quote'])) as { name: string }[]
    ).map((c) => c.name)
    expect(columns).not.toContain('draft')
    expect(columns).not.toContain('quote_input')
    expect(columns).not.toContain('quote_result')
    const hot = (await t.core.db('casco_quote').where({ id: q.id }).first()) as Record<string, unknown>
    const hotBytes = Buffer.byteLength(JSON.stringify(hot))
    expect(hotBytes).toBeLessThanOrEqual(3 * 1024)
    const doc = (await t.core.db('casco_document').where({ id: q.id }).first()) as Record<string, string>
    // What the row carried before the move: the hot columns and the three documents.
    const movedBytes =
      Buffer.byteLength(doc.draft!) + Buffer.byteLength(doc.quote_input!) + Buffer.byteLength(doc.quote_result!)
    expect(hotBytes + movedBytes).toBeGreaterThan(8 * 1024)
    expect(JSON.parse(doc.draft!)).toEqual(q.draft)
    expect(JSON.parse(doc.quote_input!)).toEqual(q.quoteInput)
    expect(JSON.parse(doc.quote_result!)).toEqual(q.result)
  })

  it('puts documents in the outbox as objects; the quote’s changes carry none', async () => {
    const q = await quotedCase(t.core, 'c')
    const outbox = (await t.core.db('outbox').where({ entity_id: q.id }).orderBy('seq')) as Array<{
      entity: string
      data: string
    }>
    expect(outbox.map((o) => o.entity)).toEqual([
      'casco_quote',
      'casco_document',
      'casco_document',
      'casco_quote',
      'casco_document',
      'casco_quote',
      'casco_quote',
    ])
    const priced = JSON.parse(outbox[4]!.data) as { quote_result: { options: unknown[] }; quote_input: object }
    expect(priced.quote_result.options).toHaveLength(3)
    expect(typeof priced.quote_input).toBe('object')
    for (const o of outbox.filter((x) => x.entity === 'casco_quote')) {
      const data = JSON.parse(o.data) as Record<string, unknown>
      expect(data).not.toHaveProperty('draft')
      expect(data).not.toHaveProperty('quote_result')
    }
    for (const o of outbox) expect(o.data).not.toMatch(/"\{\\"/)
  })

  it('answers an edit from the rows it wrote: one read of the quote with its document, then the writes', async () => {
    const created = await expectOk(call(t.core, 'casco/create-quote', undefined, 'c'))
    const draft = completeCascoDraft(today(t.core))
    const saved = await expectOk(
      call(t.core, 'casco/save-draft', { id: created.id, rowVersion: created.rowVersion, draft }, 'c'),
    )
    const handler = t.core.handlers['casco/calculate-quote']
    const { result, sql } = await statementsOf(() =>
      handler({ id: saved.id, rowVersion: saved.rowVersion }, clerkContext()),
    )
    // The quote is read once, joined with its document; the other reads are who worked on it, its inspection
    // and its decisions (the record's parts outside the quote).
    const quoteReads = sql.filter((s) => /^\s*select/i.test(s) && /from [`"]?casco_quote/i.test(s))
    expect(quoteReads).toHaveLength(1)
    expect(quoteReads[0]).toMatch(/join [`"]?casco_document/i)
    expect(sql.filter((s) => /^\s*update/i.test(s))).toHaveLength(2)
    expect(result).toEqual(await expectOk(call(t.core, 'casco/get-quote', { id: saved.id }, 'c')))
    expect(result).toMatchObject({ status: 'quoted', rowVersion: saved.rowVersion + 1 })
  })

  it('answers a new quote from the rows it inserted, as a read gives it', async () => {
    const handler = t.core.handlers['casco/create-quote']
    const { result, sql } = await statementsOf(() => handler(undefined, clerkContext()))
    expect(sql.filter((s) => /^\s*select/i.test(s) && /from [`"]?casco_quote/i.test(s))).toHaveLength(0)
    expect(result).toEqual(await expectOk(call(t.core, 'casco/get-quote', { id: result.id }, 'c')))
  })
})
