import type { SearchHit } from '../../shared/search/contract'
import type { Db } from '../db/openDatabase'
import { hitLine, nameMatches, recentMatches, SEARCH_TABLES } from '../db/search'
import { formatPlate } from '../../shared/format/identifiers'

interface Row {
  id: string
  status: string
  insured_name: string | null
  plate: string | null
  vin: string | null
  contract_number: string | null
  updated_at: string
}

/**
 * The global search over CASCO quotes and contracts (search/global): newest change first, and a «client» hit for
 * each insured whose name matched, opening the quote or contract (the newest one of that name).
 */
export async function searchCasco(db: Db, query: string, limit: number): Promise<SearchHit[]> {
  const rows = await recentMatches<Row>({
    db,
    search: SEARCH_TABLES.casco,
    query,
    base: () =>
      db('casco_quote')
        .select('id', 'status', 'insured_name', 'plate', 'vin', 'contract_number', 'updated_at')
        .whereNot('status', 'discarded'),
    key: (r) => r.updated_at,
    limit,
  })
  const hits: SearchHit[] = []
  const clients = new Set<string>()
  for (const r of rows) {
    const updatedOn = r.updated_at.slice(0, 10)
    hits.push({
      kind: 'casco',
      id: r.id,
      title: r.contract_number ?? r.insured_name ?? '',
      subtitle: hitLine([formatPlate(r.plate), r.vin, r.contract_number ? r.insured_name : null]),
      status: r.status,
      updatedOn,
    })
    if (r.insured_name && nameMatches(r.insured_name, query) && !clients.has(r.insured_name)) {
      clients.add(r.insured_name)
      hits.push({
        kind: 'client',
        id: r.id,
        title: r.insured_name,
        subtitle: hitLine([r.contract_number, formatPlate(r.plate)]),
        status: r.status,
        updatedOn,
        source: { kind: 'casco', id: r.id },
      })
    }
  }
  return hits
}
