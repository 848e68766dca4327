import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INSPECTION_STATUSES, type InspectionStatus } from '../../shared/inspection/inspection'
import type { RecordData } from '../records'
import { at, fakeContext, insert, judge, staff, synced, update, type FakeRecord } from './fakeContext'
import {
  inspectedQuote as quote,
  inspection,
  inspectionPeople as people,
  inspectionRecords as records,
  moveInspection as move,
  updateMoves,
} from './ruleFixtures'
import { inspectionLifecycle } from '../../shared/inspection/lifecycle'
import { inspectionDamageRule, inspectionPhotoRule, inspectionRule } from './inspectionRules'

describe('inspection: status machine', () => {
  it('accepts every move the branch code makes', async () => {
    const moves = updateMoves(inspectionLifecycle)
    expect(moves.map((m) => m.join('→')).sort()).toEqual([
      'draft→draft',
      'draft→submitted',
      'returned→returned',
      'returned→submitted',
      'submitted→returned',
    ])
    for (const [from, to] of moves) expect(`${from}→${to}: ${await move(from, to)}`).toBe(`${from}→${to}: accepted`)
  })

  it('starts as a draft of the inspector who sends it', async () => {
    const ctx = (by: string) => fakeContext({ records: records(), changedBy: by })
    expect(await judge(inspectionRule, ctx('in1'), insert(inspection('draft', 1)))).toBe('accepted')
    expect(await judge(inspectionRule, ctx('in1'), insert(inspection('submitted', 1)))).toBe('rejected:bad-transition')
    expect(await judge(inspectionRule, ctx('in2'), insert(inspection('draft', 1)))).toBe('rejected:author-not-sender')
  })

  it('refuses moves the code never makes', async () => {
    expect(await move('draft', 'returned', 's1')).toBe('rejected:bad-transition')
    expect(await move('submitted', 'draft')).toBe('rejected:bad-transition')
    expect(await move('submitted', 'submitted')).toBe('rejected:bad-transition')
    expect(await move('returned', 'draft')).toBe('rejected:bad-transition')
  })

  it('property: any (from, to) is accepted exactly when the table has it', async () => {
    const status = fc.constantFrom(...INSPECTION_STATUSES)
    await fc.assert(
      fc.asyncProperty(status, status, async (from, to) => {
        expect(await move(from, to)).toBe(inspectionLifecycle.allows(from, to) ? 'accepted' : 'rejected:bad-transition')
      }),
      { numRuns: 100 },
    )
  })
})

describe('inspection: people and fixed fields', () => {
  it('the quote, the inspector, the number and the checklist never change', async () => {
    expect(await move('draft', 'draft', 'in1', { quote_id: 'q2' })).toBe('rejected:immutable-field')
    expect(await move('draft', 'draft', 'in1', { inspector_id: 'in2' })).toBe('rejected:immutable-field')
    expect(await move('returned', 'submitted', 'in1', { number: 'MSK-01/2026/00002' })).toBe('rejected:immutable-field')
    expect(await move('draft', 'draft', 'in1', { checklist_version: '2027.1' })).toBe('rejected:immutable-field')
  })

  it('only its inspector edits and submits it, and the submission names them', async () => {
    expect(await move('draft', 'draft', 'in2')).toBe('rejected:not-inspector')
    expect(await move('draft', 'submitted', 's1')).toBe('rejected:not-inspector')
    expect(await move('draft', 'submitted', 'in1', { submitted_by: 'in2' })).toBe('rejected:author-not-sender')
    expect(await move('draft', 'submitted', 'in1', { submitted_at: null })).toBe('rejected:invalid-data')
  })

  it('a return is a supervisor’s, not the inspector’s own, with a reason', async () => {
    expect(await move('submitted', 'returned', 'c1')).toBe('rejected:approver-not-supervisor')
    expect(await move('submitted', 'returned', 's1', { return_reason: ' ' })).toBe('rejected:invalid-data')
    expect(await move('submitted', 'returned', 's1', { returned_by: 'c1' })).toBe('rejected:author-not-sender')
    const supervisorInspected = fakeContext({ records: [...records(), staff('s2', 'supervisor')], changedBy: 's2' })
    expect(
      await judge(
        inspectionRule,
        supervisorInspected,
        update(inspection('submitted', 3, { inspector_id: 's2' }), {
          status: 'returned',
          returned_at: at,
          returned_by: 's2',
          return_reason: 'x',
        }),
      ),
    ).toBe('rejected:approver-is-inspector')
  })
})

describe('inspection: the quote it names', () => {
  const withQuote = (q: FakeRecord | null, by = 'in1') =>
    fakeContext({ records: q ? [...people, q] : people, changedBy: by })

  it('is a quote of this branch; until HQ holds it the inspection waits; none is fine', async () => {
    expect(await judge(inspectionRule, withQuote(quote), insert(inspection('draft', 1)))).toBe('accepted')
    expect(await judge(inspectionRule, withQuote(null), insert(inspection('draft', 1)))).toBe(
      'deferred:subject-unknown',
    )
    expect(
      await judge(inspectionRule, withQuote({ ...quote, branchCode: 'SPB-01' }), insert(inspection('draft', 1))),
    ).toBe('rejected:subject-other-branch')
    expect(await judge(inspectionRule, withQuote(null), insert(inspection('draft', 1, { quote_id: null })))).toBe(
      'accepted',
    )
  })

  it('is checked again when the report is submitted', async () => {
    const submit = (q: FakeRecord | null) =>
      judge(
        inspectionRule,
        withQuote(q),
        update(inspection('draft'), { status: 'submitted', submitted_at: at, submitted_by: 'in1' }),
      )
    expect(await submit(quote)).toBe('accepted')
    expect(await submit({ ...quote, branchCode: 'SPB-01' })).toBe('rejected:subject-other-branch')
    expect(await submit(null)).toBe('deferred:subject-unknown')
    // Saving a draft does not look the quote up again.
    expect(await judge(inspectionRule, withQuote(null), update(inspection('draft'), { report: '{"x":1}' }))).toBe(
      'accepted',
    )
  })
})

const damageRow = (v = 1, extra: RecordData = {}) =>
  synced('dm1', v, {
    inspection_id: 'i1',
    seq: 1,
    view: 'left',
    x: 0.4,
    y: 0.5,
    zone_code: 'side',
    part_code: 'door',
    type_code: 'dent',
    severity: 'medium',
    note: '',
    removed_at: null,
    ...extra,
  })
const photoRow = (v = 1, extra: RecordData = {}) =>
  synced('p1', v, {
    inspection_id: 'i1',
    sha256: 'a'.repeat(64),
    shot: 'front',
    damage_id: null,
    captured_at: at,
    source: 'camera',
    device: '',
    file_name: 'x.jpg',
    width: 1600,
    height: 1200,
    bytes: 123_456,
    format: 'jpeg',
    removed_at: null,
    ...extra,
  })
const parent = (status: InspectionStatus, extra: { branchCode?: string } = {}): FakeRecord => ({
  entity: 'inspection',
  id: 'i1',
  data: inspection(status),
  ...extra,
})
const damageRecord: FakeRecord = { entity: 'inspection_damage', id: 'dm1', data: damageRow() }

describe('inspection damages and photos', () => {
  const ctx = (more: FakeRecord[], by = 'in1') => fakeContext({ records: [...people, ...more], changedBy: by })

  it('change while their inspection is the inspector’s to edit, by that inspector', async () => {
    for (const status of ['draft', 'returned'] as const) {
      expect(await judge(inspectionDamageRule, ctx([parent(status)]), insert(damageRow()))).toBe('accepted')
      expect(await judge(inspectionDamageRule, ctx([parent(status)]), update(damageRow(), { removed_at: at }))).toBe(
        'accepted',
      )
      expect(await judge(inspectionPhotoRule, ctx([parent(status)]), insert(photoRow()))).toBe('accepted')
      expect(
        await judge(
          inspectionPhotoRule,
          ctx([parent(status), damageRecord]),
          update(photoRow(), { shot: 'damage', damage_id: 'dm1' }),
        ),
      ).toBe('accepted')
    }
    expect(await judge(inspectionDamageRule, ctx([parent('draft')], 'in2'), insert(damageRow()))).toBe(
      'rejected:not-inspector',
    )
    expect(await judge(inspectionPhotoRule, ctx([parent('draft')], 's1'), insert(photoRow()))).toBe(
      'rejected:not-inspector',
    )
  })

  it('not once the report is submitted: the supervisor judges what HQ holds', async () => {
    expect(await judge(inspectionDamageRule, ctx([parent('submitted')]), insert(damageRow()))).toBe(
      'rejected:inspection-locked',
    )
    expect(await judge(inspectionPhotoRule, ctx([parent('submitted')]), update(photoRow(), { removed_at: at }))).toBe(
      'rejected:inspection-locked',
    )
  })

  it('wait for an inspection HQ does not hold; refuse one of another branch', async () => {
    expect(await judge(inspectionDamageRule, ctx([]), insert(damageRow()))).toBe('deferred:subject-unknown')
    expect(await judge(inspectionPhotoRule, ctx([]), insert(photoRow()))).toBe('deferred:subject-unknown')
    expect(
      await judge(inspectionDamageRule, ctx([parent('draft', { branchCode: 'SPB-01' })]), insert(damageRow())),
    ).toBe('rejected:subject-other-branch')
  })

  it('stay with their inspection and their file; a removal is final', async () => {
    expect(
      await judge(inspectionDamageRule, ctx([parent('draft')]), update(damageRow(), { inspection_id: 'i2' })),
    ).toBe('rejected:immutable-field')
    expect(await judge(inspectionDamageRule, ctx([parent('draft')]), update(damageRow(), { seq: 2 }))).toBe(
      'rejected:immutable-field',
    )
    expect(
      await judge(
        inspectionDamageRule,
        ctx([parent('draft')]),
        update(damageRow(2, { removed_at: at }), { removed_at: null }),
      ),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(inspectionPhotoRule, ctx([parent('draft')]), update(photoRow(), { sha256: 'b'.repeat(64) })),
    ).toBe('rejected:immutable-field')
    expect(
      await judge(
        inspectionPhotoRule,
        ctx([parent('draft')]),
        update(photoRow(2, { removed_at: at }), { removed_at: null }),
      ),
    ).toBe('rejected:immutable-field')
  })

  it('a damage photo names a damage row of the same inspection, and only a damage photo does', async () => {
    expect(await judge(inspectionPhotoRule, ctx([parent('draft')]), insert(photoRow(1, { shot: 'damage' })))).toBe(
      'rejected:invalid-data',
    )
    expect(
      await judge(inspectionPhotoRule, ctx([parent('draft'), damageRecord]), insert(photoRow(1, { damage_id: 'dm1' }))),
    ).toBe('rejected:invalid-data')
    expect(
      await judge(
        inspectionPhotoRule,
        ctx([parent('draft')]),
        insert(photoRow(1, { shot: 'damage', damage_id: 'dm1' })),
      ),
    ).toBe('deferred:subject-unknown')
    const foreign: FakeRecord = { ...damageRecord, data: damageRow(1, { inspection_id: 'i9' }) }
    expect(
      await judge(
        inspectionPhotoRule,
        ctx([parent('draft'), foreign]),
        insert(photoRow(1, { shot: 'damage', damage_id: 'dm1' })),
      ),
    ).toBe('rejected:invalid-data')
    expect(await judge(inspectionPhotoRule, ctx([parent('draft')]), insert(photoRow(1, { source: 'scanner' })))).toBe(
      'rejected:invalid-data',
    )
  })
})
