import type { Knex } from 'knex'
import type { Change } from '../shared/sync/protocol'
import type { HqRecord } from './records'
import { reject, type Verdict } from './rules/types'

/**
 * Who may be named as a change's author (issue 13). A device says who made each change (`Change.changedBy`, the
 * signed-in staff member's id); HQ keeps it as the record of who did what, and rules compare it with the staff
 * columns a change stamps. So the author must be staff of the sending device's branch as HQ knows it *as of the
 * change*: a staff record HQ holds (or one accepted earlier in the same batch — a new clerk's first policy often
 * travels with the clerk), in the branch the member belonged to at `changedAt` (hq_staff_branch: a member moved to
 * another branch counts for the branch they were in when they made the change). An unknown id, free text, or
 * another branch's staff is refused, and the device keeps the change as an issue with its reason.
 *
 * No author (`changedBy` null) is what the device writes when no person is signed in. That happens only for:
 */
const SYSTEM_CHANGES: Readonly<Record<string, readonly Change['op'][]>> = {
  // the branch created at first run (core/setup/setupHandlers.ts) — the bootstrap admin is handled below;
  branch: ['insert'],
  // the payout deadline moved when the rules in force change (core/termination/payoutDeadlineRecalculation.ts) —
  // and nothing else about the application (SYSTEM_UPDATE_COLUMNS);
  termination_application: ['update'],
  // documents moved out of the hot rows by the device's migrations 20261205000015 and 20261205000017.
  osago_document: ['insert'],
  casco_document: ['insert'],
}
/**
 * What an update without an author may change: exactly the columns the system job writes, plus the Writer's own
 * stamps. Anything else under no name (a status, an amount) would be a person's change with the person hidden.
 */
const SYSTEM_UPDATE_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = {
  termination_application: new Set(['payout_due_on', 'deadline_changes', 'updated_at', 'row_version']),
}
/**
 * The branch's bootstrap admin is created by `setup/create-branch` before anybody exists to sign in, so its staff
 * insert has no author; its later changes name it and it reaches HQ in the first push, before them. A staff insert
 * without an author is therefore taken only as the branch's first staff member, an admin.
 */
const BOOTSTRAP_ROLE = 'admin'

export interface Authorship {
  /** null when the change's author may make it; otherwise the rejection. */
  verdict(change: Change): Promise<Verdict>
}

interface Period {
  branchCode: string
  since: number
  until: number
}
interface KnownStaff {
  /** The branch holding the staff record now: the member's branch when never moved. */
  holder: string
  periods: Period[]
}

/**
 * The check for one push batch of one device. The batch's authors are loaded at the first change that needs them,
 * in one query for the whole batch (not one per change); staff created in the batch are seen through `lookup`, the
 * push's view of the batch's own records (hq/push.ts loads them with the batch).
 */
export function authorshipFor(
  trx: Knex.Transaction,
  branchCode: string,
  changes: readonly Change[],
  lookup: (entity: string, id: string) => Promise<HqRecord | null>,
): Authorship {
  let known: Promise<Map<string, KnownStaff>> | undefined
  let branchHadStaff: Promise<boolean> | undefined
  const batchStaff = new Set(changes.filter((c) => c.entity === 'staff').map((c) => c.entityId))

  async function bootstrapAdmin(change: Change): Promise<boolean> {
    if (change.entity !== 'staff' || change.op !== 'insert' || change.data.role !== BOOTSTRAP_ROLE) return false
    branchHadStaff ??= trx('hq_record')
      .where({ entity: 'staff', branch_code: branchCode })
      .first('id')
      .then((r: unknown) => r !== undefined)
    if (await branchHadStaff) return false
    // Staff accepted earlier in this batch: the push's view of the batch's records holds them (no query).
    for (const id of batchStaff) {
      if (id === change.entityId) continue
      if ((await lookup('staff', id))?.branchCode === branchCode) return false
    }
    return true
  }

  /** An update without an author touches only what the system job writes (compared with the record HQ holds). */
  async function onlySystemColumns(change: Change): Promise<boolean> {
    const allowed = SYSTEM_UPDATE_COLUMNS[change.entity]
    if (change.op !== 'update' || !allowed) return true
    const current = await lookup(change.entity, change.entityId)
    if (!current) return false
    const keys = new Set([...Object.keys(current.data), ...Object.keys(change.data)])
    for (const key of keys) {
      if (allowed.has(key)) continue
      if (JSON.stringify(current.data[key] ?? null) !== JSON.stringify(change.data[key] ?? null)) return false
    }
    return true
  }

  return {
    async verdict(change) {
      const author = change.changedBy
      if (author === null) {
        if (SYSTEM_CHANGES[change.entity]?.includes(change.op) && (await onlySystemColumns(change))) return null
        if (await bootstrapAdmin(change)) return null
        return reject('author-missing', { entity: change.entity })
      }
      known ??= loadStaff(trx, [...new Set(changes.map((c) => c.changedBy).filter((a) => a !== null))])
      const staff = (await known).get(author)
      if (staff) {
        const then = branchAt(staff, change.changedAt)
        return then === branchCode ? null : reject('author-other-branch', { author, branch: then ?? '—' })
      }
      // Not at HQ when the batch began: created earlier in this batch, by this device, or nobody HQ knows.
      if (batchStaff.has(author) && (await lookup('staff', author))?.branchCode === branchCode) return null
      return reject('author-unknown', { author })
    },
  }
}

/** The branch a staff member belonged to at a moment; a time the device sent unreadable counts as now. */
export function branchAt(staff: KnownStaff, at: string): string | null {
  if (staff.periods.length === 0) return staff.holder
  const t = Date.parse(at)
  if (Number.isNaN(t)) return staff.periods.find((p) => p.until === Infinity)?.branchCode ?? staff.holder
  return staff.periods.find((p) => p.since <= t && t < p.until)?.branchCode ?? null
}

async function loadStaff(trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, KnownStaff>> {
  const out = new Map<string, KnownStaff>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await trx('hq_record as r')
      .leftJoin('hq_staff_branch as h', 'h.staff_id', 'r.id')
      .where('r.entity', 'staff')
      .whereIn('r.id', ids.slice(i, i + 500))
      .select('r.id', 'r.branch_code as holder', 'h.branch_code', 'h.since', 'h.until')) as Array<{
      id: string
      holder: string
      branch_code: string | null
      since: string | null
      until: string | null
    }>
    for (const r of rows) {
      const staff = out.get(r.id) ?? { holder: r.holder, periods: [] }
      out.set(r.id, staff)
      if (r.branch_code !== null) {
        staff.periods.push({
          branchCode: r.branch_code,
          since: r.since === null ? -Infinity : Date.parse(r.since),
          until: r.until === null ? Infinity : Date.parse(r.until),
        })
      }
    }
  }
  return out
}
