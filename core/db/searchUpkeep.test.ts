import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from './openDatabase'
import { matchingRows, SEARCH_TABLES } from './search'
import { searchText } from './searchText'
import { compactSearchIndexes, mergeStep, searchIndexes, startSearchUpkeep } from './searchUpkeep'

/** The search indexes merged step by step keep answering the same (core/db/searchUpkeep.ts). */
let db: Db

beforeEach(async () => {
  db = await openDatabase(':memory:')
  await db.raw('PRAGMA foreign_keys = OFF')
  // One statement per row, as the app writes them one transaction at a time: many small FTS segments.
  const surnames = ['Иванов', 'Иванова', 'Петров', 'Сидорова', 'Кузнецов']
  for (let i = 0; i < 120; i++) {
    const at = `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`
    await db('osago_policy').insert({
      id: `p${String(i).padStart(3, '0')}`,
      created_at: at,
      updated_at: at,
      status: 'draft',
      search_text: searchText([`${surnames[i % surnames.length]} Пётр`, `А${String(i).padStart(3, '0')}ВС77`]),
    })
  }
})

afterEach(async () => {
  await db.destroy()
})

const ids = async (query: string) =>
  (
    await matchingRows<{ id: string }>({
      db,
      search: SEARCH_TABLES.osago,
      query,
      base: () => db('osago_policy').select('id'),
    })
  )?.rows.map((r) => r.id)

describe('search index upkeep', () => {
  it('finds every FTS5 table of the schema', async () => {
    const names = await searchIndexes(db)
    for (const t of Object.values(SEARCH_TABLES)) expect(names).toContain(t.fts)
  })

  it('merges an index of many segments in steps until a step finds nothing, and searches answer the same', async () => {
    const before = await Promise.all(['иванов', 'петр', 'а01', 'сидорова'].map(ids))
    expect(before[0]!.length).toBeGreaterThan(0)
    // A step of one page leaves work for the next: the merge is really done in pieces.
    expect(await mergeStep(db, 'osago_policy_fts', 1)).toBe(true)
    const first = await compactSearchIndexes(db)
    expect(first.merged).toContain('osago_policy_fts')
    expect(first.steps).toBeGreaterThan((await searchIndexes(db)).length)
    // Compact now: one no-op step per index.
    const again = await compactSearchIndexes(db)
    expect(again).toMatchObject({ merged: [], steps: (await searchIndexes(db)).length })
    expect(await mergeStep(db, 'osago_policy_fts')).toBe(false)
    await db.raw(`INSERT INTO osago_policy_fts(osago_policy_fts) VALUES ('integrity-check')`)
    expect(await Promise.all(['иванов', 'петр', 'а01', 'сидорова'].map(ids))).toEqual(before)
  })

  it('stops between two steps when asked', async () => {
    let asked = 0
    const r = await compactSearchIndexes(db, { stopped: () => ++asked > 1 })
    expect(r.steps).toBe(1)
  })

  it('runs on its schedule and waits for a pass in progress when stopped', async () => {
    const log = vi.fn()
    const upkeep = startSearchUpkeep({ db, log, firstAfterMs: 0, everyMs: 60_000 })
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('search indexes merged', expect.anything()))
    await upkeep.stop()
    expect(await mergeStep(db, 'osago_policy_fts')).toBe(false)
  })

  it('refuses a name that is not a table name', async () => {
    await expect(mergeStep(db, 'x; DROP TABLE osago_policy')).rejects.toThrow(/not a table name/)
  })
})
