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
  policy_series: string | null
  policy_number: string | null
  updated_at: string
}

/**
 * The global search over OSAGO policies (search/global): the policies the query matches, newest change first, and
 * a «client» hit for each insured whose name matched, opening the policy (the newest one of that name).
 */
export async function searchOsago(db: Db, query: string, limit: number): Promise<SearchHit[]> {
  const rows = await recentMatches<Row>({
    db,
    search: SEARCH_TABLES.osago,
    query,
    base: () =>
      db('osago_policy')
        .select('id', 'status', 'insured_name', 'plate', 'vin', 'policy_series', 'policy_number', 'updated_at')
        .whereNot('status', 'discarded'),
    key: (r) => r.updated_at,
    limit,
  })
  const hits: SearchHit[] = []
  const clients = new Set<string>()
  for (const r of rows) {
    const number = r.policy_number ? `${r.policy_series} ${r.policy_number}` : null
    const updatedOn = r.updated_at.slice(0, 10)
    hits.push({
      kind: 'osago',
      id: r.id,
      title: number ?? r.insured_name ?? '',
      subtitle: hitLine([formatPlate(r.plate), r.vin, number ? r.insured_name : null]),
      status: r.status,
      updatedOn,
    })
    if (r.insured_name && nameMatches(r.insured_name, query) && !clients.has(r.insured_name)) {
      clients.add(r.insured_name)
      hits.push({
        kind: 'client',
        id: r.id,
        title: r.insured_name,
        subtitle: hitLine([number, formatPlate(r.plate)]),
        status: r.status,
        updatedOn,
        source: { kind: 'osago', id: r.id },
      })
    }
  }
  return hits
}
