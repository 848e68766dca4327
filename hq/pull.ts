import type { PulledItem, PullResponse } from '../shared/sync/protocol'
import type { HqDb } from './db'

/**
 * What a branch may see since its cursor: its own records (whatever device or HQ process wrote them: staff,
 * blanks assigned by HQ, decisions taken on another machine, statuses set at HQ) and the reference files HQ
 * publishes to every branch. Ordered by HQ's change sequence, so a cursor is a position that never moves back.
 */
export async function pullFor(db: HqDb, branchCode: string, cursor: string, limit: number): Promise<PullResponse> {
  const after = Number(cursor)
  const records = (await db('hq_record')
    .where({ branch_code: branchCode }).andWhere('seq', '>', after)
    .orderBy('seq').limit(limit + 1)
    .select('entity', 'id', 'row_version', 'data', 'seq')) as Array<{ entity: string; id: string; row_version: number; data: string; seq: number | string }>
  const references = (await db('hq_reference')
    .where('seq', '>', after).orderBy('seq').limit(limit + 1)
    .select('kind', 'version', 'content', 'seq')) as Array<{ kind: string; version: string; content: string; seq: number | string }>

  const merged: PulledItem[] = [
    ...records.map((r): PulledItem => ({
      kind: 'record', seq: String(r.seq), entity: r.entity, id: r.id, rowVersion: Number(r.row_version), data: JSON.parse(r.data) as Record<string, unknown>,
    })),
    ...references.map((r): PulledItem => ({ kind: 'reference', seq: String(r.seq), referenceKind: r.kind, version: r.version, content: r.content })),
  ].sort((a, b) => Number(a.seq) - Number(b.seq))
  const items = merged.slice(0, limit)
  return { items, cursor: items.length ? items[items.length - 1]!.seq : cursor, more: merged.length > limit }
}
