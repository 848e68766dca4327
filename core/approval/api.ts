import type { Db } from '../db/openDatabase'

/** What other parts of the core may use from core/approval (scripts/featureBoundaries.test.ts). */

export interface WaitingCase {
  quoteId: string
  client: string | null
  vehicle: string | null
  plate: string | null
  submittedAt: string
}

/**
 * The CASCO cases waiting for a supervisor's decision, longest waiting first — the queue «Согласование» holds
 * (status `submitted`), for the radar of the branch's dates (core/radar). A range of casco_quote_submitted_idx.
 */
export async function waitingCases(db: Db, limit: number): Promise<WaitingCase[]> {
  const rows = (await db('casco_quote')
    .where({ status: 'submitted' })
    .whereNotNull('submitted_at')
    .orderBy('submitted_at')
    .limit(limit)
    .select('id', 'insured_name', 'vehicle_name', 'plate', 'vin', 'submitted_at')) as Array<{
    id: string
    insured_name: string | null
    vehicle_name: string | null
    plate: string | null
    vin: string | null
    submitted_at: string
  }>
  return rows.map((r) => ({
    quoteId: r.id,
    client: r.insured_name,
    vehicle: r.vehicle_name,
    plate: r.plate ?? r.vin,
    submittedAt: r.submitted_at,
  }))
}
