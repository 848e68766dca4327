import type { PulledItem, PullResponse } from '../shared/sync/protocol'
import type { HqDb } from './db'

/**
 * What a branch may see since its cursor: its own records (whatever device or HQ process wrote them: staff,
 * blanks assigned by HQ, decisions taken on another machine, statuses set at HQ) and the reference files HQ
 * publishes to every branch. Ordered by HQ's change sequence, so a cursor is a position that never moves back.
 *
 * A record whose latest version came from the asking device is not sent back: the device holds it already.
 * The sequence value is read first: every position up to it is committed (positions are handed out under a
 * lock held to commit), so when nothing more is left the cursor can jump to it and later pulls skip what other
 * branches and the device itself wrote.
 */
export async function pullFor(
  db: HqDb,
  device: { id: string; branchCode: string },
  cursor: string,
  limit: number,
): Promise<PullResponse> {
  const after = Number(cursor)
  const top = Number(
    ((await db('hq_counter').where({ name: 'seq' }).first('value')) as { value: number | string }).value,
  )
  const records = (await db('hq_record')
    .where({ branch_code: device.branchCode })
    .andWhere('seq', '>', after)
    .andWhere('seq', '<=', top)
    .andWhere((q) => q.whereNull('updated_by_device').orWhereNot('updated_by_device', device.id))
    .orderBy('seq')
    .limit(limit + 1)
    .select('entity', 'id', 'row_version', 'data', 'seq')) as Array<{
    entity: string
    id: string
    row_version: number
    data: string
    seq: number | string
  }>
  const references = (await db('hq_reference')
    .where('seq', '>', after)
    .andWhere('seq', '<=', top)
    .orderBy('seq')
    .limit(limit + 1)
    .select('kind', 'version', 'content', 'seq')) as Array<{
    kind: string
    version: string
    content: string
    seq: number | string
  }>

  const merged: PulledItem[] = [
    ...records.map((r): PulledItem => ({
      kind: 'record',
      seq: String(r.seq),
      entity: r.entity,
      id: r.id,
      rowVersion: Number(r.row_version),
      data: JSON.parse(r.data) as Record<string, unknown>,
    })),
    ...references.map((r): PulledItem => ({
      kind: 'reference',
      seq: String(r.seq),
      referenceKind: r.kind,
      version: r.version,
      content: r.content,
    })),
  ].sort((a, b) => Number(a.seq) - Number(b.seq))
  const items = merged.slice(0, limit)
  const more = merged.length > limit
  const next = more ? items[items.length - 1]!.seq : String(Math.max(after, top))
  return { items, cursor: next, more }
}
