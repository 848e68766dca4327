import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './openDatabase'
import { listPage, matchingRows, SEARCH_TABLES } from './search'
import { passportSearch, phoneSearch, searchText } from './searchText'

/**
 * A whole phone or passport is an exact lookup (issue 12: phone search at 1M contracts): the ten-digit words of
 * search_text (migration 20261205000019, kept by triggers), with the list's filters, in any form a clerk types it.
 * Rows go straight into the migrated tables with search_text as the row functions write it.
 */
let db: Db
const statements: string[] = []
const capture = (q: { sql: string }) => statements.push(q.sql)

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`

async function policy(id: string, day: number, status: string, parts: Array<string | null>): Promise<void> {
  await db('osago_policy').insert({
    id,
    created_at: at(day),
    updated_at: at(day),
    status,
    search_text: searchText(parts),
  })
}

beforeAll(async () => {
  db = await openDatabase(':memory:')
  await db.raw('PRAGMA foreign_keys = OFF')
  // One client with two policies (the older one issued), another client, and a record whose text merely holds
  // the same digits inside a longer number.
  const ivanov = ['Иванов Пётр', phoneSearch('+7 (916) 123-45-67'), passportSearch('4519', '123456')]
  await policy('a-old', 1, 'issued', ivanov)
  await policy('a-new', 2, 'draft', ivanov)
  await policy('b', 3, 'draft', ['Орлова Анна', phoneSearch('8 903 000-11-22'), passportSearch('4600', '000111')])
  await policy('c', 4, 'draft', ['Сидоров', 'x9161234567'])
  db.on('query', capture)
})

afterAll(async () => {
  db.off('query', capture)
  await db.destroy()
})

async function search(query: string, status?: string): Promise<{ ids: string[]; sql: string[] }> {
  statements.length = 0
  const found = await matchingRows<{ id: string }>({
    db,
    search: SEARCH_TABLES.osago,
    query,
    base: () => {
      const q = db('osago_policy').select('id')
      if (status) q.where('status', status)
      return q
    },
  })
  return { ids: found?.rows.map((r) => r.id) ?? [], sql: [...statements] }
}

describe('a whole phone or passport (core/db/search.ts, migration 20261205000019)', () => {
  it('is found by the ten-digit words, not the FTS phrase, in every form it is typed', async () => {
    for (const q of [
      '+7 (916) 123-45-67',
      '+7 916 123 45 67',
      '+79161234567',
      '8 916 123-45-67',
      '8-916-123-45-67',
      '8 (916) 1234567',
      '89161234567',
      '79161234567',
      '9161234567',
      ' 916-123-45-67 ',
    ]) {
      const r = await search(q)
      // Both policies of the client, newest first; not the record that holds the digits inside a longer word.
      expect(r.ids, q).toEqual(['a-new', 'a-old'])
      expect(
        r.sql.some((s) => s.includes('osago_policy_digits')),
        q,
      ).toBe(true)
      expect(
        r.sql.some((s) => s.includes('_fts')),
        q,
      ).toBe(false)
    }
    for (const q of ['4519 123456', '4519123456', '45 19 123456'])
      expect((await search(q)).ids, q).toEqual(['a-new', 'a-old'])
    expect((await search('+7 903 000 11 22')).ids).toEqual(['b'])
  })

  it("keeps the list's filters in the lookup", async () => {
    expect((await search('8 916 123-45-67', 'issued')).ids).toEqual(['a-old'])
    expect((await search('8 916 123-45-67', 'discarded')).ids).toEqual([])
    const page = await listPage<{ id: string; updated_at: string }>({
      db,
      search: SEARCH_TABLES.osago,
      query: '+7 916 123-45-67',
      base: () => db('osago_policy').select('id', 'updated_at').where('status', 'draft'),
      order: { column: 'updated_at', direction: 'desc', key: (r) => r.updated_at },
      limit: 20,
      offset: 0,
    })
    expect(page).toEqual({ items: [{ id: 'a-new', updated_at: at(2) }], total: 1 })
  })

  it('falls back to the FTS phrase for a phone no record has as a word, and for part of a phone', async () => {
    // Only the record with the digits inside a longer word has them: the substring search still finds it.
    await db('osago_policy').where({ id: 'a-old' }).delete()
    await db('osago_policy').where({ id: 'a-new' }).update({ search_text: 'иванов петр' })
    const whole = await search('+7 916 123-45-67')
    expect(whole.ids).toEqual(['c'])
    expect(whole.sql.some((s) => s.includes('osago_policy_fts'))).toBe(true)
    expect((await search('8 903 000')).ids).toEqual(['b'])
    expect((await search('+7 999 000-00-00')).ids).toEqual([])
  })
})
