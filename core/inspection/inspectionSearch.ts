import type { SearchHit } from '../../shared/search/contract'
import type { Db } from '../db/openDatabase'
import { hitLine, recentMatches, SEARCH_TABLES } from '../db/search'
import { formatPlate } from '../../shared/format/identifiers'

interface Row {
  id: string
  number: string
  status: string
  plate: string | null
  vin: string | null
  client_name: string | null
  vehicle: string | null
  updated_at: string
}

/**
 * The global search over inspections (search/global), newest change first. `inspectorId`: an inspector who may
 * read only their own inspections (as inspection/list) is searched over those only.
 */
export async function searchInspections(
  db: Db,
  query: string,
  limit: number,
  inspectorId: string | null,
): Promise<SearchHit[]> {
  const rows = await recentMatches<Row>({
    db,
    search: SEARCH_TABLES.inspection,
    query,
    base: () => {
      const q = db('inspection').select(
        'id',
        'number',
        'status',
        'plate',
        'vin',
        'client_name',
        'vehicle',
        'updated_at',
      )
      if (inspectorId) q.where('inspector_id', inspectorId)
      return q
    },
    key: (r) => r.updated_at,
    limit,
  })
  return rows.map((r) => ({
    kind: 'inspection',
    id: r.id,
    title: r.number,
    subtitle: hitLine([formatPlate(r.plate), r.vin, r.client_name, r.vehicle]),
    status: r.status,
    updatedOn: r.updated_at.slice(0, 10),
  }))
}
