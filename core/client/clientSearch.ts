import type { SearchHit } from '../../shared/search/contract'
import type { Db } from '../db/openDatabase'
import { hitLine, recentMatches, type SearchTable } from '../db/search'

/** The card's search index (migration 20261205000024): the same FTS5 trigram and ten-digit lookups as the records'. */
export const CLIENT_SEARCH: SearchTable = { table: 'client', fts: 'client_fts', digits: 'client_digits' }

interface Row {
  id: string
  display_name: string
  phone: string | null
  passport: string | null
  inn: string | null
  status: string
  updated_at: string
}

const phoneLine = (digits: string | null) =>
  digits && digits.length === 10
    ? `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`
    : digits

/**
 * The global search over client cards (search/global): surname, phone, passport, INN; active cards only (a merged
 * duplicate is found through the card it joined), newest change first.
 */
export async function searchClients(db: Db, query: string, limit: number): Promise<SearchHit[]> {
  const rows = await recentMatches<Row>({
    db,
    search: CLIENT_SEARCH,
    query,
    base: () =>
      db('client')
        .where('client.status', 'active')
        .select(
          'client.id',
          'client.display_name',
          'client.phone',
          'client.passport',
          'client.inn',
          'client.status',
          'client.updated_at',
        ),
    key: (r) => r.updated_at,
    limit,
  })
  return rows.map((r) => ({
    kind: 'client',
    id: r.id,
    title: r.display_name,
    subtitle: hitLine([
      phoneLine(r.phone),
      r.passport ? `${r.passport.slice(0, 4)} ${r.passport.slice(4)}` : null,
      r.inn,
    ]),
    status: r.status,
    updatedOn: r.updated_at.slice(0, 10),
  }))
}
