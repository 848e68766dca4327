import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PulledItem } from '../../shared/sync/protocol'
import { toWire } from '../../shared/sync/documentColumns'
import type { StoredOsagoPremium } from '../../shared/osago/calculator'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { openDatabase, type Db } from '../db/openDatabase'
import { registerDerivedColumns } from '../db/derived'
import { PreparedWrites, registerWriteHooks, SYSTEM_ACTOR, write } from '../db/write'
import { LocalSchema, writeHqVersion } from './localRows'
import { applyPage, type PullSummary } from './pullChanges'

/**
 * The fast pull (issue 12) writes a complete record without reading it back and audits it from the values in hand.
 * Its audit entries must be the ones reading the row back gives: the same page applied record by record through
 * `writeHqVersion` (which re-reads every row it writes) is the reference, byte for byte.
 */
// The page's write paths on their own, with no feature's derived columns or write hooks (createCore registers those
// process-wide, and a core built by an earlier file in the same worker would leave them): the rows here carry a
// search_text of their own that a feature's recomputation would replace between two versions of one page.
beforeAll(() => {
  registerDerivedColumns([])
  registerWriteHooks([])
})
let dir: string
let source: Db
let fast: Db
let reference: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-pull-audit-'))
  source = await openDatabase(join(dir, 's.sqlite'))
  fast = await openDatabase(join(dir, 'f.sqlite'))
  reference = await openDatabase(join(dir, 'r.sqlite'))
})
afterEach(async () => {
  await Promise.all([source, fast, reference].map((d) => d.destroy()))
  rmSync(dir, { recursive: true, force: true })
})

const at = '2026-12-05T10:00:00.000Z'
// Only the document's round trip matters here, not a whole calculation's shape.
const premium = (n: number) => ({ premium: n }) as unknown as StoredOsagoPremium
const tables = ['branch', 'staff', 'osago_policy', 'osago_document'] as const

/** Every row of the source's synced tables as HQ sends it: documents as objects, in parent-first order. */
async function page(): Promise<PulledItem[]> {
  const items: PulledItem[] = []
  for (const table of tables) {
    for (const row of (await source(table).orderBy('id')) as Array<Record<string, unknown>>) {
      // HQ's column order need not be the device's (its own database, its own migrations): reversed here.
      const data = Object.fromEntries(Object.entries(toWire(table, row)).reverse())
      items.push({
        kind: 'record',
        seq: String(items.length + 1),
        entity: table,
        id: String(row.id),
        rowVersion: Number(row.row_version),
        data,
      })
    }
  }
  return items
}

async function auditOf(d: Db): Promise<unknown[]> {
  return (await d('audit_log')
    .where({ action: 'sync.hq-version' })
    .orderBy(['entity', 'entity_id', 'at', 'id'])
    .select('actor_login', 'action', 'entity', 'entity_id', 'before', 'after')) as unknown[]
}

describe('audit of a pulled page', () => {
  it('is the same whether the row is read back after writing it or taken from the record as applied', async () => {
    const draft = completeDraft('2026-12-05')
    const ids: string[] = []
    await write(source, SYSTEM_ACTOR, 'seed', new Date(at), async (w) => {
      const b = await w.insert('branch', { code: 'MSK-01', name: 'Филиал', city: 'Москва', time_zone: 'Europe/Moscow' })
      await w.insert('staff', {
        branch_id: b.id,
        login: 'anna',
        full_name: 'Анна',
        role: 'clerk',
        password_hash: 'scrypt$secret',
        active: true,
        must_change_password: false,
      })
      for (let i = 0; i < 3; i++) {
        const p = await w.insert('osago_policy', {
          status: 'draft',
          insured_name: `Смирнов ${i}`,
          search_text: `смирнов ${i}`,
          conclusion_date: '2026-12-05',
        })
        ids.push(p.id)
        await w.insert('osago_document', { id: p.id, draft, calculation: i === 0 ? null : premium(12345 + i) })
      }
    })
    const first = await page()
    // Then HQ sends newer versions of them: updates of rows the device holds.
    await write(source, SYSTEM_ACTOR, 'seed', new Date(at), async (w) => {
      await w.update('osago_policy', ids[0]!, { insured_name: 'Петров' })
      await w.update('osago_document', ids[1]!, { calculation: premium(1) })
    })
    const second = (await page()).filter((i) => i.kind === 'record' && i.rowVersion > 1)
    expect(second).toHaveLength(2)
    // And one page holding two versions of one row: the later one is audited with the earlier as its before-state.
    const third: PulledItem[] = []
    for (const name of ['Иванов', 'Сидоров']) {
      await write(source, SYSTEM_ACTOR, 'seed', new Date(at), (w) =>
        w.update('osago_policy', ids[2]!, { insured_name: name }),
      )
      third.push(...(await page()).filter((i) => i.kind === 'record' && i.id === ids[2] && i.entity === 'osago_policy'))
    }
    expect(third.map((i) => i.kind === 'record' && i.rowVersion)).toEqual([2, 3])
    const total = first.length + second.length + third.length

    const quiet = vi.spyOn(PreparedWrites.prototype, 'write')
    const held = vi.spyOn(PreparedWrites.prototype, 'hold')
    const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
    for (const [items, cursor] of [
      [first, '1'],
      [second, '2'],
      [third, '3'],
    ] as const) {
      await applyPage(fast, new LocalSchema(), { items, cursor, more: false }, null, () => new Date(at), summary)
    }
    // The fast way was taken, without reading the rows back: new rows held for multi-row inserts, updates one by one.
    expect(summary.records).toBe(total)
    expect(held.mock.calls.length).toBe(first.length)
    expect(quiet.mock.calls.length).toBe(second.length + third.length)
    expect(quiet.mock.calls.every((c) => c[3] === false)).toBe(true)
    quiet.mockRestore()
    held.mockRestore()

    const schema = new LocalSchema()
    for (const items of [first, second, third]) {
      await reference.transaction(async (trx) => {
        for (const item of items) {
          if (item.kind !== 'record') continue
          const data = { ...item.data, id: item.id, row_version: item.rowVersion }
          expect(await writeHqVersion(trx, schema, item.entity, data, at)).toEqual({ applied: true })
        }
      })
    }

    const expected = await auditOf(reference)
    expect(expected).toHaveLength(total)
    expect(await auditOf(fast)).toEqual(expected)
    // Secrets stay redacted, documents are objects in the entry.
    const staff = (await fast('audit_log').where({ entity: 'staff' }).first()) as { after: string }
    expect(JSON.parse(staff.after)).toMatchObject({ password_hash: '[redacted]', active: 1 })
    const doc = (await fast('audit_log').where({ entity: 'osago_document', entity_id: ids[1] }).orderBy('id'))[1] as {
      after: string
    }
    expect(JSON.parse(doc.after)).toMatchObject({ draft, calculation: { premium: 1 } })
    for (const table of tables) expect(await fast(table).orderBy('id')).toEqual(await reference(table).orderBy('id'))
  })
  it('records that lack columns (left out by the device that wrote them), interleaved, across several multi-row inserts', async () => {
    // As a device's outbox carries them and HQ sends them back: only the columns the writer gave, a policy then its
    // document, over more rows than one multi-row INSERT takes.
    const draft = completeDraft('2026-12-05')
    await write(source, SYSTEM_ACTOR, 'seed', new Date(at), async (w) => {
      for (let i = 0; i < 250; i++) {
        const p = await w.insert('osago_policy', {
          status: 'draft',
          insured_name: `Смирнов ${i}`,
          search_text: `смирнов ${i}`,
          conclusion_date: '2026-12-05',
        })
        await w.insert('osago_document', { id: p.id, draft, calculation: null })
      }
    })
    const outbox = (await source('outbox').orderBy('seq')) as Array<{
      seq: number
      entity: string
      entity_id: string
      row_version: number
      data: string
    }>
    const items: PulledItem[] = outbox.map((r) => ({
      kind: 'record',
      seq: String(r.seq),
      entity: r.entity,
      id: r.entity_id,
      rowVersion: r.row_version,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }))
    expect(Object.keys(items[0]!.kind === 'record' ? items[0]!.data : {})).not.toContain('premium_kopecks')

    const quiet = vi.spyOn(PreparedWrites.prototype, 'write')
    const summary: PullSummary = { pages: 0, records: 0, references: 0, waiting: 0 }
    await applyPage(fast, new LocalSchema(), { items, cursor: '1', more: false }, null, () => new Date(at), summary)
    expect(summary.records).toBe(500)
    // Every row went in held, none written and read back one by one.
    expect(quiet).not.toHaveBeenCalled()
    quiet.mockRestore()

    const schema = new LocalSchema()
    await reference.transaction(async (trx) => {
      for (const item of items) {
        if (item.kind !== 'record') continue
        const data = { ...item.data, id: item.id, row_version: item.rowVersion }
        expect(await writeHqVersion(trx, schema, item.entity, data, at)).toEqual({ applied: true })
      }
    })
    expect(await auditOf(fast)).toEqual(await auditOf(reference))
    for (const table of ['osago_policy', 'osago_document'])
      expect(await fast(table).orderBy('id')).toEqual(await reference(table).orderBy('id'))
    // The search index saw every row (its triggers fire in a multi-row INSERT as in one row at a time).
    const found = (await fast.raw(
      `SELECT p.insured_name FROM osago_policy_fts f JOIN osago_policy p ON p.rowid = f.rowid
       WHERE osago_policy_fts MATCH '"смирнов 249"'`,
    )) as Array<{ insured_name: string }>
    expect(found.map((r) => r.insured_name)).toEqual(['Смирнов 249'])
    expect(await fast('osago_policy').count({ n: '*' }).first()).toEqual({ n: 250 })
  })
})
