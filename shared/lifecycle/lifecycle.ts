import type { Channel } from '../contract'
import type { Role } from '../contract/roles'

/**
 * One move of a record from a status to another (or the same: an edit that keeps the status is a move too, and HQ
 * judges it as one). The Writer refuses a move its table's lifecycle lacks (core/db/write.ts), HQ's rules refuse
 * it with `bad-transition` (hq/rules/ruleKit.ts), and the renderer shows a button only for a move the record's
 * status and the user's role allow (shared/lifecycle/can.ts) — all three read the same list.
 */
export interface Transition<S extends string> {
  /** null: the record is created in `to`. */
  from: S | null
  to: S
  /**
   * The channel whose handler makes the move; who may make it is that channel's access in the contract. null for
   * a move the core makes on its own (a deadline moved by a new production calendar): `action` names it then.
   */
  channel: Channel | null
  /** The audit action the move is recorded under (`write(db, actor, action, …)`). */
  action: string
  /**
   * Narrows who may make the move below the channel's access (a group from shared/staff/roleGroups.ts): a channel
   * that serves several moves can serve people who may make only some of them.
   */
  by?: readonly Role[]
  /** What else must hold for the move, checked by the handler and HQ's rule beside the table (documentation). */
  when?: string
}

export interface LifecycleSpec<S extends string> {
  /** The synced table whose rows live this life. */
  table: string
  /** The column holding the status (`status` unless said otherwise). */
  statusField?: string
  statuses: readonly S[]
  /**
   * Statuses in which the record's content may still change by its form, and the channels that change it without
   * moving its status (damage rows, photos): those are allowed exactly in these statuses.
   */
  editable: { statuses: readonly S[]; channels?: readonly Channel[] }
  /** Rows are written once and never changed (decisions): every update is refused. */
  appendOnly?: boolean
  transitions: readonly Transition<S>[]
}

export interface Lifecycle<S extends string = string> extends Readonly<LifecycleSpec<S>> {
  readonly statusField: string
  /** The statuses a record may be created in. */
  readonly initial: readonly S[]
  isStatus(value: unknown): value is S
  /** Whether the table has the move; `from` null for a new record. */
  allows(from: string | null, to: string): boolean
  /** Every distinct (from, to) pair, creation first as `[null, to]`. */
  moves(): Array<[S | null, S]>
  /** The moves a channel makes. */
  movesBy(channel: Channel): Array<Transition<S>>
  /** Whether `channel` makes a move out of `status` (a status-bound button, a handler's guard). */
  movesFrom(channel: Channel, status: string): boolean
  isEditable(status: string | null | undefined): boolean
}

/** Builds a lifecycle and checks that it names only its own statuses (a typo fails at load, in every test). */
export function defineLifecycle<const S extends string>(spec: LifecycleSpec<S>): Lifecycle<S> {
  const known = new Set<string>(spec.statuses)
  const bad = (s: string | null) => s !== null && !known.has(s)
  for (const t of spec.transitions) {
    if (bad(t.from) || bad(t.to)) throw new Error(`${spec.table}: a move ${t.from ?? '-'} → ${t.to} names no status`)
  }
  const wrongEditable = spec.editable.statuses.find((s) => bad(s))
  if (wrongEditable) throw new Error(`${spec.table}: editable status ${wrongEditable} is not a status`)
  if (spec.appendOnly && spec.transitions.some((t) => t.from !== null)) {
    throw new Error(`${spec.table}: an append-only table has no moves after creation`)
  }
  const key = (from: string | null, to: string) => `${from ?? ''}→${to}`
  const pairs = new Set(spec.transitions.map((t) => key(t.from, t.to)))
  const initial = [...new Set(spec.transitions.filter((t) => t.from === null).map((t) => t.to))]
  return {
    ...spec,
    statusField: spec.statusField ?? 'status',
    initial,
    isStatus: (value): value is S => typeof value === 'string' && known.has(value),
    allows: (from, to) => pairs.has(key(from, to)),
    moves() {
      const seen = new Set<string>()
      const out: Array<[S | null, S]> = []
      for (const t of [...spec.transitions].sort((a, b) => Number(a.from !== null) - Number(b.from !== null))) {
        if (seen.has(key(t.from, t.to))) continue
        seen.add(key(t.from, t.to))
        out.push([t.from, t.to])
      }
      return out
    },
    movesBy: (channel) => spec.transitions.filter((t) => t.channel === channel),
    movesFrom: (channel, status) => spec.transitions.some((t) => t.channel === channel && t.from === status),
    isEditable: (status) => status != null && (spec.editable.statuses as readonly string[]).includes(status),
  }
}

type Move<S extends string> = Omit<Transition<S>, 'from' | 'to'>

/** The same move out of several statuses into `to`. */
export function fromEach<S extends string>(froms: readonly S[], to: S, move: Move<S>): Array<Transition<S>> {
  return froms.map((from) => ({ from, to, ...move }))
}

/** A change that keeps each of these statuses (an edit, a mark on the record). */
export function staysIn<S extends string>(statuses: readonly S[], move: Move<S>): Array<Transition<S>> {
  return statuses.map((s) => ({ from: s, to: s, ...move }))
}
