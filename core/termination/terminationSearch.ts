import type { SearchHit } from '../../shared/search/contract'
import type { Db } from '../db/openDatabase'
import { hitLine, recentMatches, SEARCH_TABLES } from '../db/search'

interface Row {
  id: string
  incoming_number: string
  status: string
  contract_number: string
  policyholder_name: string
  updated_at: string
}

/** The global search over termination applications (search/global), newest change first. */
export async function searchTerminations(db: Db, query: string, limit: number): Promise<SearchHit[]> {
  const rows = await recentMatches<Row>({
    db,
    search: SEARCH_TABLES.termination,
    query,
    base: () =>
      db('termination_application').select(
        'id',
        'incoming_number',
        'status',
        'contract_number',
        'policyholder_name',
        'updated_at',
      ),
    key: (r) => r.updated_at,
    limit,
  })
  return rows.map((r) => ({
    kind: 'termination',
    id: r.id,
    title: r.incoming_number,
    subtitle: hitLine([r.contract_number, r.policyholder_name]),
    status: r.status,
    updatedOn: r.updated_at.slice(0, 10),
  }))
}
