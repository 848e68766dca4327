import { contract, type Channel } from '../contract'
import type { Role } from '../contract/roles'
import { inGroup } from '../staff/roleGroups'
import type { Lifecycle } from './lifecycle'
import { lifecycleOfChannel } from './registry'

/** The caller as `can` needs it: a role, or nobody signed in. */
export type Caller = Role | string | null | undefined

/** Whether the contract lets this caller call the channel at all (the dispatch's role check, shared/contract). */
export function mayCall(role: Caller, channel: Channel): boolean {
  const access = contract[channel].access
  if (access === 'public') return true
  if (access === 'signed-in') return role != null
  return inGroup(role, access)
}

/**
 * Whether a button for `channel` on `record` makes sense for this caller: the contract's access, and — when the
 * channel moves the record (its feature's lifecycle, or the one given for a channel of another feature, like
 * `approval/decide` on a CASCO case or `print/print-document` on a policy) — a move out of the record's status
 * that this role may make; an edit channel needs an editable status. Without a record only the access counts (a
 * create button). The core checks the same again; this only keeps a button from offering what will be refused.
 */
export function can(
  role: Caller,
  channel: Channel,
  record?: { status: string } | null,
  lifecycle: Lifecycle | undefined = lifecycleOfChannel(channel),
): boolean {
  if (!mayCall(role, channel)) return false
  if (!record || !lifecycle) return true
  const moves = lifecycle.movesBy(channel).filter((t) => t.from === record.status)
  if (lifecycle.movesBy(channel).length > 0) return moves.some((t) => !t.by || inGroup(role, t.by))
  if (lifecycle.editable.channels?.includes(channel)) return lifecycle.isEditable(record.status)
  return true
}
