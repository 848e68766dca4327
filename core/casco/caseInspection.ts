import type { CascoInspectionLink } from '../../shared/casco/contract'
import type { Db } from '../db/openDatabase'
import type { InspectionRow } from '../inspection/api'

/**
 * The inspections made for a quote (the inspection carries `quote_id`). A case may have more than one — an
 * abandoned draft and the one that was finished — so the report that counts is the latest submitted one, else
 * the latest touched. Every inspector of any of them took part in the case (four eyes).
 */
export interface CaseInspections {
  current: (InspectionRow & { inspector_name: string }) | null
  inspectorIds: string[]
}

export async function caseInspections(db: Db, quoteId: string): Promise<CaseInspections> {
  const rows = (await db('inspection as i')
    .leftJoin('staff as s', 's.id', 'i.inspector_id')
    .where('i.quote_id', quoteId)
    .select('i.*', 's.full_name as inspector_name')
    .orderBy('i.updated_at', 'desc')) as Array<InspectionRow & { inspector_name: string }>
  const current = rows.find((r) => r.status === 'submitted') ?? rows[0] ?? null
  return { current, inspectorIds: [...new Set(rows.map((r) => r.inspector_id))] }
}

export function toInspectionLink(row: CaseInspections['current']): CascoInspectionLink | null {
  if (!row) return null
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    inspectorName: row.inspector_name,
    submittedAt: row.submitted_at,
    returnReason: row.status === 'returned' ? row.return_reason : null,
  }
}
