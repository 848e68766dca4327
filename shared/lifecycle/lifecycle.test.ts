import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contract, isChannel } from '../contract'
import { ROLES } from '../contract/roles'
import { inGroup } from '../staff/roleGroups'
import { can, mayCall } from './can'
import { defineLifecycle, type Lifecycle } from './lifecycle'
import { LIFECYCLES, lifecycleOfChannel } from './registry'

const lifecycles = Object.values(LIFECYCLES) as Lifecycle[]

describe('defineLifecycle', () => {
  const door = defineLifecycle({
    table: 'door',
    statuses: ['open', 'closed', 'locked'],
    editable: { statuses: ['open'] },
    transitions: [
      { from: null, to: 'closed', channel: 'staff/create-staff', action: 'door.made' },
      { from: 'closed', to: 'open', channel: 'staff/update-staff', action: 'door.opened' },
      { from: 'open', to: 'closed', channel: 'staff/update-staff', action: 'door.closed' },
      { from: 'closed', to: 'locked', channel: 'staff/reset-password', action: 'door.locked', by: ['admin'] },
    ],
  })

  it('answers moves, creations, edits and the moves of a channel from the list', () => {
    expect(door.initial).toEqual(['closed'])
    expect(door.allows(null, 'closed')).toBe(true)
    expect(door.allows(null, 'open')).toBe(false)
    expect(door.allows('closed', 'locked')).toBe(true)
    expect(door.allows('locked', 'closed')).toBe(false)
    expect(door.allows('open', 'open')).toBe(false)
    expect(door.moves()).toEqual([
      [null, 'closed'],
      ['closed', 'open'],
      ['open', 'closed'],
      ['closed', 'locked'],
    ])
    expect(door.movesFrom('staff/update-staff', 'open')).toBe(true)
    expect(door.movesFrom('staff/update-staff', 'locked')).toBe(false)
    expect(door.isEditable('open')).toBe(true)
    expect(door.isEditable('closed')).toBe(false)
    expect(door.isEditable(null)).toBe(false)
    expect(door.isStatus('locked')).toBe(true)
    expect(door.isStatus('ajar')).toBe(false)
  })

  it('refuses a table that names a status it does not have, or moves an append-only row', () => {
    const spec = { table: 't', statuses: ['a', 'b'] as const, editable: { statuses: [] } }
    expect(() =>
      defineLifecycle({ ...spec, transitions: [{ from: 'a', to: 'c' as 'a', channel: null, action: 'x' }] }),
    ).toThrow(/a → c names no status/)
    expect(() => defineLifecycle({ ...spec, editable: { statuses: ['z' as 'a'] }, transitions: [] })).toThrow(
      /editable status z/,
    )
    expect(() =>
      defineLifecycle({
        ...spec,
        appendOnly: true,
        transitions: [{ from: 'a', to: 'b', channel: null, action: 'x' }],
      }),
    ).toThrow(/append-only/)
  })

  it('property: allows(from, to) is exactly "some transition has this pair"', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...lifecycles)
          .chain((l) => fc.tuple(fc.constant(l), fc.constantFrom(null, ...l.statuses), fc.constantFrom(...l.statuses))),
        ([l, from, to]) => {
          expect(l.allows(from, to)).toBe(l.transitions.some((t) => t.from === from && t.to === to))
          expect(l.moves().some(([f, t]) => f === from && t === to)).toBe(l.allows(from, to))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('the features’ lifecycles', () => {
  it('name channels of the contract, and narrow (never widen) who may call them', () => {
    for (const l of lifecycles) {
      for (const t of l.transitions) {
        if (t.channel === null) continue
        expect(isChannel(t.channel), `${l.table}: ${t.channel}`).toBe(true)
        for (const role of t.by ?? []) expect(mayCall(role, t.channel), `${l.table}: ${role} ${t.channel}`).toBe(true)
      }
      for (const c of l.editable.channels ?? []) expect(isChannel(c), `${l.table}: ${c}`).toBe(true)
    }
  })

  it('every status is reached from a creation, and a record is created in one status (two for decisions)', () => {
    for (const l of lifecycles) {
      const reached = new Set<string>(l.initial)
      for (let grew = true; grew;) {
        grew = false
        for (const t of l.transitions) {
          if (t.from !== null && reached.has(t.from) && !reached.has(t.to)) {
            reached.add(t.to)
            grew = true
          }
        }
      }
      expect([...reached].sort(), l.table).toEqual([...l.statuses].sort())
      if (!l.appendOnly) expect(l.initial, l.table).toHaveLength(1)
    }
  })

  it('a move the core makes on its own is named by its audit action', () => {
    for (const l of lifecycles) for (const t of l.transitions) expect(t.action, l.table).toMatch(/^[a-z]+\.[a-z-]+$/)
  })

  it('the decisions are append-only and keep their outcome in `decision`', () => {
    expect(LIFECYCLES.approval.appendOnly).toBe(true)
    expect(LIFECYCLES.approval.statusField).toBe('decision')
    expect(LIFECYCLES.approval.moves().every(([from]) => from === null)).toBe(true)
  })
})

describe('can(role, channel, record)', () => {
  const { osago, casco, inspection, blanks, termination } = LIFECYCLES

  it('follows the status of the record and the role', () => {
    expect(can('clerk', 'osago/issue-policy', { status: 'calculated' })).toBe(true)
    expect(can('clerk', 'osago/issue-policy', { status: 'draft' })).toBe(false)
    expect(can('inspector', 'osago/issue-policy', { status: 'calculated' })).toBe(false)
    expect(can('clerk', 'osago/reissue-on-new-blank', { status: 'printed' })).toBe(true)
    expect(can('supervisor', 'blanks/spoil-blank', { status: 'available' })).toBe(true)
    expect(can('supervisor', 'blanks/spoil-blank', { status: 'used' })).toBe(false)
    expect(can('clerk', 'blanks/spoil-blank', { status: 'available' })).toBe(false)
    expect(can('supervisor', 'termination/approve-application', { status: 'calculated' })).toBe(true)
    expect(can('clerk', 'termination/approve-application', { status: 'calculated' })).toBe(false)
    expect(can('clerk', 'termination/refuse-application', { status: 'paid' })).toBe(false)
    expect(can('inspector', 'inspection/add-damage', { status: 'returned' })).toBe(true)
    expect(can('inspector', 'inspection/add-damage', { status: 'submitted' })).toBe(false)
    expect(can('supervisor', 'inspection/add-damage', { status: 'draft' })).toBe(false)
  })

  it('takes the record’s lifecycle for a channel of another feature', () => {
    expect(can('supervisor', 'approval/decide', { status: 'submitted' }, casco)).toBe(true)
    expect(can('supervisor', 'approval/decide', { status: 'quoted' }, casco)).toBe(false)
    expect(can('clerk', 'approval/decide', { status: 'submitted' }, casco)).toBe(false)
    // Printing is open to every signed-in role; marking a policy printed is the desk's (`by`).
    expect(can('clerk', 'print/print-document', { status: 'issued' }, osago)).toBe(true)
    expect(can('inspector', 'print/print-document', { status: 'issued' }, osago)).toBe(false)
    expect(can('clerk', 'print/print-document', { status: 'draft' }, osago)).toBe(false)
    expect(lifecycleOfChannel('osago/issue-policy')).toBe(osago)
    expect(lifecycleOfChannel('print/print-document')).toBeUndefined()
  })

  it('without a record, only the contract’s access counts', () => {
    expect(can('admin', 'blanks/receive-range')).toBe(true)
    expect(can('supervisor', 'blanks/receive-range')).toBe(false)
    expect(can('inspector', 'inspection/create')).toBe(true)
    expect(can(null, 'osago/create-draft')).toBe(false)
    expect(can(null, 'session/sign-in')).toBe(true)
  })

  it('property: can ⇒ the contract lets the role call it and, on a record, the lifecycle has such a move', () => {
    const channels = [
      ...new Set(lifecycles.flatMap((l) => l.transitions.flatMap((t) => (t.channel ? [t.channel] : [])))),
    ]
    const all = [osago, casco, inspection, blanks, termination]
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES, null),
        fc.constantFrom(...channels),
        fc.constantFrom(...all),
        fc.constantFrom(...new Set(all.flatMap((l) => l.statuses as readonly string[]))),
        (role, channel, lifecycle, status) => {
          const yes = can(role, channel, { status }, lifecycle)
          if (yes) expect(mayCall(role, channel)).toBe(true)
          const moves = lifecycle.movesBy(channel)
          if (yes && moves.length > 0) {
            expect(moves.some((t) => t.from === status && (!t.by || inGroup(role, t.by)))).toBe(true)
          }
          if (!mayCall(role, channel)) expect(yes).toBe(false)
          expect(contract[channel]).toBeDefined()
        },
      ),
      { numRuns: 500 },
    )
  })
})
