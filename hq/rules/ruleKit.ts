import type { RecordData } from '../records'
import { defer, reject, type RuleContext, type Verdict } from './types'
import type { Role } from '../../shared/contract/roles'
import { inGroup } from '../../shared/staff/roleGroups'
import { decodeDocument } from '../../shared/sync/documentColumns'
import type { Lifecycle } from '../../shared/lifecycle/lifecycle'

/**
 * Pieces the state-machine rules share. The status machine is the feature's lifecycle (shared/<feature>/lifecycle.ts),
 * the same table the branch's Writer asserts: a move it lacks is `bad-transition` (an insert is a move from null).
 */
export function transitionVerdict(lifecycle: Lifecycle, from: string | null, to: string): Verdict {
  return lifecycle.allows(from, to) ? null : reject('bad-transition', { from: from ?? '-', to })
}

/**
 * SQLite gives NULL for an absent value (an after-image may omit a column a later client version added), and
 * 0/1 for a boolean the code wrote as false/true: the same value either way.
 */
const norm = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? Number(v) : v)

export function sameValue(a: unknown, b: unknown): boolean {
  const x = norm(a)
  const y = norm(b)
  if (x === y) return true
  if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null)
    return JSON.stringify(x) === JSON.stringify(y)
  return false
}

/** The first of `fields` whose value differs between HQ's copy and the change, as an `immutable-field` verdict. */
export function unchanged(before: RecordData, after: RecordData, fields: readonly string[]): Verdict {
  const field = fields.find((f) => !sameValue(before[f], after[f]))
  return field === undefined ? null : reject('immutable-field', { field })
}

/** A value that must be present (not null, not blank) in a status. */
export const present = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')

/** Fields a status must carry: the first missing one as `invalid-data`. */
export function required(after: RecordData, fields: readonly string[], message: string): Verdict {
  const field = fields.find((f) => !present(after[f]))
  return field === undefined ? null : reject('invalid-data', { field, message })
}

/** Fields a status must not carry (a refusal date on a paid application…). */
export function absent(after: RecordData, fields: readonly string[], message: string): Verdict {
  const field = fields.find((f) => present(after[f]))
  return field === undefined ? null : reject('invalid-data', { field, message })
}

/**
 * The staff column a step stamps (`created_by`, `submitted_by`, `issued_by`…) names the person the device says
 * made the change: four eyes at HQ rest on these columns, so a device cannot write somebody else's name in them.
 */
export function stampedBySender(ctx: RuleContext, after: RecordData, field: string): Verdict {
  return ctx.changedBy !== null && after[field] === ctx.changedBy ? null : reject('author-not-sender', { field })
}

/** The sender is an active member of this branch in a group that may take the decision (shared/staff/roleGroups.ts). */
export async function senderMayDecide(ctx: RuleContext, deciders: readonly Role[]): Promise<Verdict> {
  if (!ctx.changedBy) return reject('approver-unknown', {})
  const staff = await ctx.lookup('staff', ctx.changedBy)
  if (!staff || staff.branchCode !== ctx.branch.code) return reject('approver-unknown', {})
  if (!inGroup(String(staff.data.role), deciders))
    return reject('approver-not-supervisor', { name: String(staff.data.full_name) })
  if (staff.data.active === false || staff.data.active === 0)
    return reject('approver-inactive', { name: String(staff.data.full_name) })
  return null
}

/**
 * A document column's value (hq/push.ts hands documents to rules as objects; JSON text from a device on the
 * previous version is parsed), or undefined when it is absent or text that is not JSON.
 */
export function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return undefined
  const value = decodeDocument(v)
  return typeof value === 'string' ? undefined : value
}

/** Runs checks in order; the first verdict wins. */
export async function firstVerdict(...checks: Array<() => Verdict | Promise<Verdict>>): Promise<Verdict> {
  for (const check of checks) {
    const v = await check()
    if (v) return v
  }
  return null
}

/**
 * A link a record carries to an earlier contract (a renewal's `renews_policy_id`, `renews_contract_id`; core/renewal):
 * set once, when the record is created, to a contract of the same branch that HQ holds as concluded. HQ does not
 * take the device's word that the contract exists (the link is what the renewal discount and the worklist rest on):
 * a contract HQ has not received yet defers the change, one of another branch or not concluded is refused, and the
 * link never changes afterwards.
 */
export async function linkedContractVerdict(
  ctx: RuleContext,
  change: { id: string; before: RecordData | null; after: RecordData },
  field: string,
  entity: string,
  isContract: (status: string) => boolean,
): Promise<Verdict> {
  if (change.before) return unchanged(change.before, change.after, [field])
  const target = change.after[field]
  if (target === null || target === undefined) return null
  if (typeof target !== 'string' || target === change.id)
    return reject('invalid-data', { field, message: 'a renewal names another contract' })
  const contract = await ctx.lookup(entity, target)
  if (!contract) return defer('subject-unknown', { entity })
  if (contract.branchCode !== ctx.branch.code) return reject('subject-other-branch', {})
  if (!isContract(String(contract.data.status))) return reject('contract-not-issued', { entity })
  return null
}
