import type { PulledItem, PullResponse } from '../shared/sync/protocol'
import type { HqDb } from './db'

/**
 * What a branch may see since its cursor: its own records (whatever device or HQ process wrote them: staff,
 * blanks assigned by HQ, decisions taken on another machine, statuses set at HQ) and the reference files HQ
 * publishes to every branch. Ordered by the branch's own change sequence (hq/sequence.ts), so a cursor is a
 * position that never moves back; reference files sit in that sequence through their per-branch links.
 *
 * A record whose latest version came from the asking device is not sent back: the device holds it already.
 * The branch's counter is read first: every position up to it is committed (positions are handed out under the
 * branch row's lock held to commit), so when nothing more is left the cursor can jump to it and later pulls skip
 * what the device itself wrote. Writers of other branches never hold this branch's positions back.
 */
async function pullPage(
  db: HqDb,
  device: { id: string; branchCode: string },
  cursor: string,
  limit: number,
): Promise<{ items: RawItem[]; cursor: string; more: boolean }> {
  const after = Number(cursor)
  const branch = (await db('hq_branch').where({ code: device.branchCode }).first('seq')) as
    { seq: number | string } | undefined
  const top = Number(branch?.seq ?? 0)
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
  const references = (await db('hq_branch_reference as l')
    .join('hq_reference as r', 'r.id', 'l.reference_id')
    .where('l.branch_code', device.branchCode)
    .andWhere('l.seq', '>', after)
    .andWhere('l.seq', '<=', top)
    .orderBy('l.seq')
    .limit(limit + 1)
    .select('r.kind', 'r.version', 'r.content', 'l.seq')) as Array<{
    kind: string
    version: string
    content: string
    seq: number | string
  }>

  // Records stay the JSON text HQ stores until the answer is written (`pullJsonFor`): no parse and re-serialise of
  // every record body on the way out.
  const merged: RawItem[] = [
    ...records.map((r): RawItem => ({
      item: { kind: 'record', seq: String(r.seq), entity: r.entity, id: r.id, rowVersion: Number(r.row_version) },
      data: r.data,
    })),
    ...references.map((r): RawItem => ({
      item: {
        kind: 'reference',
        seq: String(r.seq),
        referenceKind: r.kind,
        version: r.version,
        content: r.content,
      },
      data: null,
    })),
  ].sort((a, b) => Number(a.item.seq) - Number(b.item.seq))
  const items = merged.slice(0, limit)
  const more = merged.length > limit
  const next = more ? items[items.length - 1]!.item.seq : String(Math.max(after, top))
  return { items, cursor: next, more }
}

interface RawItem {
  item: Omit<Extract<PulledItem, { kind: 'record' }>, 'data'> | Extract<PulledItem, { kind: 'reference' }>
  /** A record's body as stored (JSON text). */
  data: string | null
}

/** A page as objects (offline bundles, tests). */
export async function pullFor(
  db: HqDb,
  device: { id: string; branchCode: string },
  cursor: string,
  limit: number,
): Promise<PullResponse> {
  const page = await pullPage(db, device, cursor, limit)
  return {
    items: page.items.map(({ item, data }) =>
      item.kind === 'record' ? { ...item, data: JSON.parse(data!) as Record<string, unknown> } : item,
    ),
    cursor: page.cursor,
    more: page.more,
  }
}

/** A page as the JSON text of a `PullResponse`, each record body spliced in as stored. */
export async function pullJsonFor(
  db: HqDb,
  device: { id: string; branchCode: string },
  cursor: string,
  limit: number,
): Promise<string> {
  const page = await pullPage(db, device, cursor, limit)
  const items = page.items.map(({ item, data }) =>
    item.kind === 'record' ? `${JSON.stringify(item).slice(0, -1)},"data":${data}}` : JSON.stringify(item),
  )
  return `{"items":[${items.join(',')}],"cursor":${JSON.stringify(page.cursor)},"more":${page.more}}`
}
