import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../shared/contract/roles'
import { mayCall } from '../../shared/lifecycle/can'
import type { Lifecycle, Transition } from '../../shared/lifecycle/lifecycle'
import { LIFECYCLES } from '../../shared/lifecycle/registry'
import { inGroup } from '../../shared/staff/roleGroups'
import type { RecordData } from '../records'
import { fakeContext, insert, judge, staff, synced, type FakeRecord } from './fakeContext'
import { ruleFor } from './registry'
import {
  application,
  cascoPeople,
  cascoQuote,
  inspection,
  inspectionRecords,
  manualRecord,
  moveCasco,
  moveInspection,
  moveTermination,
  terminationPeople,
} from './ruleFixtures'

/**
 * Every feature's lifecycle against HQ's rule for its table: each move the lifecycle has is accepted, and each
 * (from, to) it lacks is refused as `bad-transition` (or `append-only`), judged on rows valid in both statuses and
 * sent by a person the lifecycle lets make the move (the contract's access of its channel, narrowed by `by`).
 * A lifecycle added without a judge here fails the first test.
 */

/** One staff member per role, as HQ's copy of the branch's staff holds them. */
const PERSON: Record<Role, string> = { clerk: 'c1', supervisor: 's1', inspector: 'in1', admin: 'a1' }

/** Who the test sends a move as: the first role that may make one of its transitions; null for the core's own. */
function senderOf(lifecycle: Lifecycle, from: string | null, to: string): string | null {
  const moves = lifecycle.transitions.filter((t) => t.from === from && t.to === to)
  const actors = (t: Transition<string>) => ROLES.filter((r) => mayCall(r, t.channel!) && (!t.by || inGroup(r, t.by)))
  const byPeople = moves.filter((t) => t.channel !== null)
  if (moves.length > 0 && byPeople.length === 0) return null
  const role = (byPeople.length ? byPeople.flatMap(actors) : (['clerk'] as Role[]))[0]
  return role ? PERSON[role] : 'nobody'
}

type Judge = (from: string | null, to: string, changedBy: string | null) => Promise<string>

// OSAGO policies and their blanks: a policy on a blank names it; a used or spoiled blank names its policy.
const policy = (status: string, v: number): RecordData =>
  synced('p1', v, {
    status,
    draft: '{}',
    blank_id: status === 'issued' || status === 'printed' ? 'bl1' : null,
    premium_kopecks: status === 'draft' ? null : 1_000_00,
  })
const blank = (status: string, v: number): RecordData =>
  synced('bl1', v, {
    series: 'ХХХ',
    number: '0123456789',
    status,
    policy_id: status === 'available' ? null : 'p1',
    spoiled_reason: status === 'spoiled' ? 'Замят принтером' : null,
    lost_reason: status === 'lost' ? 'Утерян клиентом' : null,
  })
const usedBlank: FakeRecord = { entity: 'policy_blank', id: 'bl1', data: blank('used', 2) }
// A change to the issued policy p1; applied, it names the new blank bl2 that p1 now uses.
const changeRow = (status: string, v: number): RecordData =>
  synced('ch1', v, {
    policy_id: 'p1',
    kind: 'add-driver',
    status,
    print_form: 'reissue',
    effective_date: '2026-12-06',
    before: {},
    after: {},
    amount_kopecks: status === 'draft' ? null : 1_000_00,
    new_blank_id: status === 'applied' ? 'bl2' : null,
  })
const changeRecords: FakeRecord[] = [
  { entity: 'osago_policy', id: 'p1', data: policy('issued', 3) },
  { entity: 'policy_blank', id: 'bl2', data: { ...blank('used', 2), id: 'bl2', number: '0123456790' } },
]
const decisionRow = (outcome: string, v: number): RecordData =>
  synced('d1', v, {
    quote_id: 'q1',
    quote_row_version: 5,
    decision: outcome,
    return_to: outcome === 'returned' ? 'clerk' : null,
    decided_by: 's1',
  })
const submittedQuote: FakeRecord = { entity: 'casco_quote', id: 'q1', data: cascoQuote('submitted') }

const everyone = Object.entries(PERSON).map(([role, id]) => staff(id, role))
// A cash day: opened by the core with a payment, closed by the supervisor s1 with its report.
const cashDayRow = (status: string, v: number): RecordData =>
  synced('cd1', v, {
    branch_id: 'b1',
    day: '2026-12-06',
    status,
    closed_at: status === 'closed' ? '2026-12-06T18:00:00.000Z' : null,
    closed_by: status === 'closed' ? 's1' : null,
    report: status === 'closed' ? { day: '2026-12-06', openingCashKopecks: 0, closingCashKopecks: 0 } : null,
  })

/** Judges a move of `table`'s record: an insert when `from` is null, else an update of HQ's copy. */
function judgeOf(table: string, rowIn: (status: string, v: number) => RecordData, records: FakeRecord[]): Judge {
  return (from, to, changedBy) => {
    const rule = ruleFor(table)!
    const ctx = fakeContext({ records, changedBy })
    if (from === null) return judge(rule, ctx, insert(rowIn(to, 1)))
    return judge(rule, ctx, { op: 'update', id: String(rowIn(to, 1).id), before: rowIn(from, 3), after: rowIn(to, 4) })
  }
}

const JUDGES: Record<string, Judge> = {
  osago_policy: judgeOf('osago_policy', policy, [...everyone, usedBlank]),
  policy_blank: judgeOf('policy_blank', blank, everyone),
  osago_change: judgeOf('osago_change', changeRow, [...everyone, ...changeRecords]),
  approval_decision: judgeOf('approval_decision', decisionRow, [...everyone, submittedQuote]),
  cash_day: judgeOf('cash_day', cashDayRow, everyone),
  casco_quote: (from, to, by) =>
    from === null
      ? judge(
          ruleFor('casco_quote')!,
          fakeContext({ records: cascoPeople, changedBy: by }),
          insert(cascoQuote(to as never, 1)),
        )
      : moveCasco(from as never, to as never, by === null ? {} : { changedBy: by }),
  inspection: (from, to, by) =>
    from === null
      ? judge(
          ruleFor('inspection')!,
          fakeContext({ records: inspectionRecords(), changedBy: by }),
          insert(inspection(to as never, 1)),
        )
      : moveInspection(from as never, to as never, by ?? undefined),
  termination_application: (from, to, by) =>
    from === null
      ? judge(
          ruleFor('termination_application')!,
          fakeContext({ records: [...terminationPeople, manualRecord], changedBy: by }),
          insert(application(to as never, 1)),
        )
      : moveTermination(from as never, to as never, by as string),
}

const lifecycles = Object.values(LIFECYCLES) as Lifecycle[]

describe('every lifecycle is HQ’s status machine', () => {
  it('each lifecycle has HQ’s rule and a judge here', () => {
    for (const l of lifecycles) {
      expect(ruleFor(l.table), l.table).toBeDefined()
      expect(JUDGES[l.table], l.table).toBeDefined()
    }
  })

  for (const l of lifecycles) {
    it(`${l.table}: HQ accepts every move of the lifecycle`, async () => {
      for (const [from, to] of l.moves()) {
        const got = await JUDGES[l.table]!(from, to, senderOf(l, from, to))
        expect(`${from ?? '-'}→${to}: ${got}`).toBe(`${from ?? '-'}→${to}: accepted`)
      }
    })

    it(`${l.table}: HQ refuses every move the lifecycle lacks`, async () => {
      const froms = [null, ...l.statuses]
      for (const from of froms) {
        for (const to of l.statuses) {
          if (l.allows(from, to)) continue
          const refused = l.appendOnly && from !== null ? 'rejected:append-only' : 'rejected:bad-transition'
          const got = await JUDGES[l.table]!(from, to, senderOf(l, from, to))
          expect(`${from ?? '-'}→${to}: ${got}`).toBe(`${from ?? '-'}→${to}: ${refused}`)
        }
      }
    })
  }

  it('property: over random (lifecycle, from, to), HQ accepts exactly the lifecycle’s moves', async () => {
    const pick = fc
      .constantFrom(...lifecycles)
      .chain((l) => fc.tuple(fc.constant(l), fc.constantFrom(null, ...l.statuses), fc.constantFrom(...l.statuses)))
    await fc.assert(
      fc.asyncProperty(pick, async ([l, from, to]) => {
        const got = await JUDGES[l.table]!(from, to, senderOf(l, from, to))
        expect(got === 'accepted').toBe(l.allows(from, to))
      }),
      { numRuns: 150 },
    )
  })

  it('a move judged as sent by someone the lifecycle does not let make it is refused', async () => {
    // The clerk may not decide a CASCO case, the inspector may not return their own report.
    expect(await JUDGES.casco_quote!('submitted', 'approved', 'c1')).toMatch(/^rejected:/)
    expect(await JUDGES.inspection!('submitted', 'returned', 'in1')).toMatch(/^rejected:/)
    expect(senderOf(LIFECYCLES.casco, 'submitted', 'approved')).toBe('s1')
    expect(senderOf(LIFECYCLES.termination, 'calculated', 'calculated')).toBeNull()
  })
})
