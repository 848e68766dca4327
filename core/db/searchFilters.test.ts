import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './openDatabase'
import { listPage, recentMatches, SEARCH_CAP, type SearchTable } from './search'

/**
 * A search and a list's filters are one statement (issue 12 review): a common surname whose newest SEARCH_CAP
 * matches all fail the filter still lists the older ones that pass it.
 */
let db: Db
const T: SearchTable = { table: 'person', fts: 'person_fts', plate: 'plate' }
// Fewer than the cap: the filtered search counts them all.
const OLD = SEARCH_CAP - 10
const NEW = SEARCH_CAP + 100

beforeAll(async () => {
  db = await openDatabase(':memory:', { migrate: false })
  await db.raw('CREATE TABLE person (id TEXT PRIMARY KEY, status TEXT, day TEXT, plate TEXT, search_text TEXT)')
  await db.raw(
    "CREATE VIRTUAL TABLE person_fts USING fts5(search_text, content='person', content_rowid='rowid', tokenize='trigram')",
  )
  await db.raw(`CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN
    INSERT INTO person_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END`)
  await db.raw('CREATE INDEX person_prefix1_idx ON person (substr(search_text, 1, 1))')
  await db.raw('CREATE INDEX person_plate_idx ON person (plate)')
  // The oldest rows are issued in 2025; the newest SEARCH_CAP + 100 are drafts of 2026: all named Иванов.
  const rows = []
  for (let i = 0; i < OLD + NEW; i++) {
    const old = i < OLD
    rows.push({
      id: `p${String(i).padStart(4, '0')}`,
      status: old ? 'issued' : 'draft',
      day: old ? '2025-03-01' : '2026-03-01',
      plate: null,
      search_text: `иванов иван ${i}`,
    })
  }
  for (let i = 0; i < rows.length; i += 100) await db('person').insert(rows.slice(i, i + 100))
}, 30_000)

afterAll(async () => db.destroy())

describe('a search with a list filter (core/db/search.ts)', () => {
  const page = (query: string, filter: (q: ReturnType<Db>) => void) =>
    listPage<{ id: string; day: string }>({
      db,
      search: T,
      query,
      base: () => {
        const q = db('person').select('id', 'day')
        filter(q)
        return q
      },
      order: { column: 'day', direction: 'desc', key: (r) => r.day },
      limit: 20,
      offset: 0,
    })

  it('finds the older matches a status or date filter keeps when the newest SEARCH_CAP are filtered out', async () => {
    const byStatus = await page('иванов', (q) => q.where('status', 'issued'))
    expect(byStatus.total).toBe(OLD)
    expect(byStatus.totalAtLeast).toBeUndefined()
    expect(byStatus.items.every((r) => r.day === '2025-03-01')).toBe(true)
    const byDate = await page('иванов', (q) => q.where('day', '<', '2026-01-01'))
    expect(byDate.total).toBe(OLD)
    // One and two characters too (the prefix index of search_text).
    expect((await page('и', (q) => q.where('status', 'issued'))).total).toBe(OLD)
    // Unfiltered, the cap still holds and says there were more.
    const all = await page('иванов', () => {})
    expect(all.total).toBe(SEARCH_CAP)
    expect(all.totalAtLeast).toBe(true)
  })

  it('gives the global search the newest matches that pass its filter', async () => {
    const rows = await recentMatches<{ id: string; day: string }>({
      db,
      search: T,
      query: 'иванов',
      base: () => db('person').select('id', 'day').where('status', 'issued'),
      key: (r) => r.day,
      limit: 5,
    })
    expect(rows.map((r) => r.id)).toHaveLength(5)
    expect(rows.every((r) => r.day === '2025-03-01')).toBe(true)
  })
})
