import type { HqRecord, RecordData } from '../records'
import type { EntityRule, ProposedChange, RuleContext, Verdict } from './types'

/**
 * Rules are pure functions of their context and the change: in unit tests HQ's records are a plain map. A record
 * given with `naturalKey` is also found by `lookupByKey` (leave `byKey` false to test a push without it).
 */
export interface FakeRecord {
  entity: string
  id: string
  data: RecordData
  branchCode?: string
  naturalKey?: string | null
}

export function fakeContext(opts: {
  records?: FakeRecord[]
  changedBy?: string | null
  branch?: { code: string; recordId: string | null }
  byKey?: boolean
}): RuleContext {
  const branch = opts.branch ?? { code: 'MSK-01', recordId: 'b1' }
  const records: HqRecord[] = (opts.records ?? []).map((r) => ({
    entity: r.entity,
    id: r.id,
    branchCode: r.branchCode ?? branch.code,
    rowVersion: Number(r.data.row_version ?? 1),
    data: r.data,
    naturalKey: r.naturalKey ?? null,
  }))
  const ctx: RuleContext = {
    branch,
    deviceId: 'device-1',
    changedBy: opts.changedBy === undefined ? null : opts.changedBy,
    lookup: async (entity, id) => records.find((r) => r.entity === entity && r.id === id) ?? null,
  }
  if (opts.byKey !== false) {
    ctx.lookupByKey = async (entity, key) => records.find((r) => r.entity === entity && r.naturalKey === key) ?? null
  }
  return ctx
}

/** `accepted`, or `<status>:<code>` — what a test compares. */
export async function judge(rule: EntityRule, ctx: RuleContext, change: ProposedChange): Promise<string> {
  const v: Verdict = await rule.check(ctx, change)
  return v === null ? 'accepted' : `${v.status}:${v.reason.code}`
}

export const at = '2026-11-21T10:00:00.000Z'

/** A synced row as a device sends it. */
export const synced = (id: string, rowVersion: number, extra: RecordData): RecordData => ({
  id,
  created_at: at,
  updated_at: at,
  row_version: rowVersion,
  ...extra,
})

/** An insert, or an update of HQ's copy `before` to `after` (row version + 1 unless given). */
export function insert(data: RecordData): ProposedChange {
  return { op: 'insert', id: String(data.id), before: null, after: data }
}
export function update(before: RecordData, patch: RecordData): ProposedChange {
  return {
    op: 'update',
    id: String(before.id),
    before,
    after: { ...before, row_version: Number(before.row_version) + 1, ...patch },
  }
}

export const staff = (id: string, role: string, extra: RecordData = {}): FakeRecord => ({
  entity: 'staff',
  id,
  data: synced(id, 1, { branch_id: 'b1', login: id, full_name: `Сотрудник ${id}`, role, active: 1, ...extra }),
})
