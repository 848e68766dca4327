import { enrolDirect } from './testing/enrolDirect'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change } from '../shared/sync/protocol'
import { assignBlanks, ensureBranch, issueEnrolmentCode } from './admin'
import { openHqDatabase, type HqDb } from './db'
import { enrolDevice } from './enrolment'
import { applyChanges, type DeviceIdentity } from './push'
import { fourEyesApproval } from './rules/approvalRules'
import { ENTITY_RULES, ownedRecordRule } from './rules/registry'
import { approvalLifecycle } from '../shared/approval/lifecycle'

/** HQ's per-change judgement, on the embedded SQLite database (the same code runs on PostgreSQL in core/sync tests). */
let dir: string
let db: HqDb
const now = new Date('2026-11-21T10:00:00Z')
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-hqpush-'))
  db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const enrol = (branchCode: string, branchRecordId: string) => enrolDirect(db, branchCode, branchRecordId, now)

const row = (id: string, version: number, extra: Record<string, unknown>) => ({
  id,
  created_at: now.toISOString(),
  updated_at: now.toISOString(),
  row_version: version,
  ...extra,
})
function change(
  entity: string,
  data: Record<string, unknown>,
  op: 'insert' | 'update' = data.row_version === 1 ? 'insert' : 'update',
  changedBy: string | null = null,
): Change {
  return {
    changeId: uuidv7(),
    entity,
    entityId: String(data.id),
    op,
    rowVersion: Number(data.row_version),
    data,
    changedAt: now.toISOString(),
    changedBy,
  }
}
/** The same change as made by `author` (HQ takes a change only from staff of the branch: hq/authorship.ts). */
const by = (author: string, c: Change): Change => ({ ...c, changedBy: author })
const branchRow = (id: string, code: string) =>
  row(id, 1, { code, name: 'Филиал', city: 'Москва', time_zone: 'Europe/Moscow' })
const staffRow = (
  id: string,
  branchId: string,
  login: string,
  role = 'clerk',
  version = 1,
  extra: Record<string, unknown> = {},
) =>
  row(id, version, {
    branch_id: branchId,
    login,
    full_name: `Сотрудник ${login}`,
    role,
    password_hash: 'scrypt$…',
    active: true,
    must_change_password: false,
    ...extra,
  })

/** What the branch's first computer pushes first (`setup/create-branch`): its branch and its admin `a1`, no author. */
async function bootstrap(dev: DeviceIdentity, branchId: string): Promise<void> {
  const results = await applyChanges(
    db,
    dev,
    [
      change('branch', branchRow(branchId, dev.branchCode)),
      change('staff', staffRow('a1', branchId, 'admin', 'admin')),
    ],
    'push',
    now,
  )
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted'])
}

describe('enrolment', () => {
  it('a code enrols one device, expires, and is bound to its branch', async () => {
    await ensureBranch(db, { code: 'MSK-01', name: 'n', city: 'c' }, now)
    const { code } = await issueEnrolmentCode(db, 'MSK-01', now, 7)
    await expect(
      enrolDevice(db, { code, deviceName: 'x', branch: { id: 'b1', code: 'SPB-01', name: 'n', city: 'c' } }, now),
    ).rejects.toMatchObject({ code: 'branch-code-mismatch' })
    // A fresh device cannot join a branch no device has established yet.
    await expect(enrolDevice(db, { code, deviceName: 'x', branch: null }, now)).rejects.toMatchObject({
      code: 'branch-not-established',
    })
    const first = await enrolDevice(
      db,
      { code, deviceName: 'x', branch: { id: 'b1', code: 'MSK-01', name: 'n', city: 'c' } },
      now,
    )
    expect(first.branch.recordId).toBe('b1')
    await expect(enrolDevice(db, { code, deviceName: 'y', branch: null }, now)).rejects.toMatchObject({
      code: 'enrolment-code-invalid',
    })
    // Another device holding its own, different branch record cannot take over the branch.
    const second = await issueEnrolmentCode(db, 'MSK-01', now, 7)
    await expect(
      enrolDevice(
        db,
        { code: second.code, deviceName: 'y', branch: { id: 'b2', code: 'MSK-01', name: 'n', city: 'c' } },
        now,
      ),
    ).rejects.toMatchObject({ code: 'branch-established-elsewhere' })
    expect((await enrolDevice(db, { code: second.code, deviceName: 'y', branch: null }, now)).branch.recordId).toBe(
      'b1',
    )
    const old = await issueEnrolmentCode(db, 'MSK-01', new Date(now.getTime() - 8 * 86_400_000), 7)
    await expect(enrolDevice(db, { code: old.code, deviceName: 'z', branch: null }, now)).rejects.toMatchObject({
      code: 'enrolment-code-invalid',
    })
    const stored = await db('hq_device').select('token_hash')
    expect(stored.every((d: { token_hash: string }) => /^[0-9a-f]{64}$/.test(d.token_hash))).toBe(true)
  })
})

describe('applying changes', () => {
  it('applies each change at most once: a resent batch and a duplicate inside a batch get the stored answers', async () => {
    const dev = await enrol('MSK-01', 'b1')
    const batch = [change('branch', branchRow('b1', 'MSK-01')), change('staff', staffRow('s1', 'b1', 'admin', 'admin'))]
    const first = await applyChanges(db, dev, batch, 'push', now)
    expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted'])
    const again = await applyChanges(db, dev, [...batch, batch[1]!], 'push', now)
    expect(again).toEqual([...first, first[1]])
    expect(await db('hq_change').count({ n: '*' }).first()).toMatchObject({ n: 2 })
    expect(Number((await db('hq_record').max({ m: 'seq' }).first())!.m)).toBe(2)
    // Another device replaying these ids learns nothing and changes nothing.
    const other = await enrol('SPB-01', 'b9')
    expect((await applyChanges(db, other, [batch[1]!], 'push', now))[0]).toMatchObject({
      status: 'rejected',
      reason: { code: 'change-id-taken' },
    })
  })

  it('updates must build on HQ’s version; a lost change carries what won and later ones in the batch follow it', async () => {
    const dev = await enrol('MSK-01', 'b1')
    await applyChanges(
      db,
      dev,
      [
        change('branch', branchRow('b1', 'MSK-01')),
        change('staff', staffRow('a1', 'b1', 'admin', 'admin')),
        by('a1', change('staff', staffRow('s1', 'b1', 'clerk1'))),
      ],
      'push',
      now,
    )
    await applyChanges(
      db,
      dev,
      [by('a1', change('staff', staffRow('s1', 'b1', 'clerk1', 'clerk', 2, { full_name: 'Первый' })))],
      'push',
      now,
    )
    const results = await applyChanges(
      db,
      dev,
      [
        by('a1', change('staff', staffRow('s1', 'b1', 'clerk1', 'clerk', 2, { full_name: 'Второй' }))),
        by('a1', change('staff', staffRow('s1', 'b1', 'clerk1', 'clerk', 3, { full_name: 'Третий' }))),
        by('a1', change('staff', staffRow('s2', 'b1', 'clerk2', 'clerk', 4))),
      ],
      'push',
      now,
    )
    expect(results[0]).toMatchObject({
      status: 'conflict',
      reason: { code: 'stale', params: { version: 2 } },
      current: { rowVersion: 2, data: { full_name: 'Первый' } },
    })
    expect(results[1]).toMatchObject({ status: 'conflict', reason: { code: 'follows-lost-change' } })
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'unknown-record' } })
    const gap = await applyChanges(
      db,
      dev,
      [by('a1', change('staff', staffRow('s1', 'b1', 'clerk1', 'clerk', 5)))],
      'push',
      now,
    )
    expect(gap[0]).toMatchObject({ status: 'conflict', reason: { code: 'version-gap' } })
  })

  it('checks schemas, ownership and business keys; defers what it cannot judge yet', async () => {
    const msk = await enrol('MSK-01', 'b1')
    const spb = await enrol('SPB-01', 'b2')
    await applyChanges(db, msk, [change('branch', branchRow('b1', 'MSK-01'))], 'push', now)
    const r = await applyChanges(
      db,
      spb,
      [
        change('branch', branchRow('b1', 'MSK-01'), 'update'),
        change('staff', staffRow('x1', 'b1', 'spy')),
        change('staff', { ...staffRow('x2', 'b2', 'boss'), role: 'ceo' }),
        change('new_feature_table', row('n1', 1, { anything: 1 })),
        change('new_feature_table', row('n1', 2, { anything: 2 })),
        change('osago_registration', row('p1', 1, { status: 'registered' })),
      ],
      'push',
      now,
    )
    expect(r.map((x) => (x.status === 'accepted' ? 'accepted' : `${x.status}:${x.reason.code}`))).toEqual([
      'rejected:not-owner',
      'rejected:wrong-branch',
      'rejected:invalid-data',
      'deferred:unknown-entity',
      'deferred:follows-deferred-change',
      'rejected:hq-owned',
    ])
    // Deferred answers are not stored: the same change is judged again when resent.
    expect(await db('hq_change').where({ entity: 'new_feature_table' })).toHaveLength(0)
    await applyChanges(
      db,
      spb,
      [change('branch', branchRow('b2', 'SPB-01')), change('staff', staffRow('s1', 'b2', 'admin', 'admin'))],
      'push',
      now,
    )
    const dup = await applyChanges(db, spb, [change('staff', staffRow('s2', 'b2', 'admin', 'admin'))], 'push', now)
    expect(dup[0]).toMatchObject({ status: 'rejected', reason: { code: 'duplicate', params: { key: 'SPB-01:admin' } } })
    // The same login in another branch is fine.
    await applyChanges(db, msk, [change('staff', staffRow('s3', 'b1', 'admin', 'admin'))], 'push', now).then((x) =>
      expect(x[0]!.status).toBe('accepted'),
    )
  })

  it('a policy must be issued on a blank of its own branch that records it; blanks follow their state machine', async () => {
    const msk = await enrol('MSK-01', 'b1')
    await enrol('SPB-01', 'b2')
    await bootstrap(msk, 'b1')
    await assignBlanks(
      db,
      { branchCode: 'MSK-01', series: 'ААК', fromNumber: '0000000001', toNumber: '0000000002' },
      now,
    )
    await assignBlanks(
      db,
      { branchCode: 'SPB-01', series: 'ВВВ', fromNumber: '0000000001', toNumber: '0000000001' },
      now,
    )
    const blank = async (series: string) =>
      JSON.parse(
        (await db('hq_record').where({ entity: 'policy_blank' }).where('data', 'like', `%${series}%`).first()).data,
      ) as Record<string, unknown>
    const own = await blank('ААК')
    const foreign = await blank('ВВВ')
    const policy = (version: number, extra: Record<string, unknown>) =>
      row('p1', version, { status: 'draft', draft: '{}', ...extra })
    await applyChanges(
      db,
      msk,
      [
        by('a1', change('osago_policy', policy(1, {}))),
        by('a1', change('osago_policy', policy(2, { status: 'calculated' }))),
      ],
      'push',
      now,
    )
    const useBlank = (b: Record<string, unknown>) => ({
      ...b,
      row_version: 2,
      status: 'used',
      policy_id: 'p1',
      used_at: now.toISOString(),
    })

    const onForeign = await applyChanges(
      db,
      msk,
      [by('a1', change('osago_policy', policy(3, { status: 'issued', blank_id: foreign.id })))],
      'push',
      now,
    )
    expect(onForeign[0]).toMatchObject({
      status: 'rejected',
      reason: { code: 'blank-other-branch', params: { series: 'ВВВ' } },
      current: { rowVersion: 2 },
    })
    const stolen = await applyChanges(db, msk, [by('a1', change('policy_blank', useBlank(foreign)))], 'push', now)
    expect(stolen[0]).toMatchObject({ status: 'rejected', reason: { code: 'not-owner' }, current: null })
    const notRecorded = await applyChanges(
      db,
      msk,
      [by('a1', change('osago_policy', policy(3, { status: 'issued', blank_id: own.id })))],
      'push',
      now,
    )
    expect(notRecorded[0]).toMatchObject({ status: 'rejected', reason: { code: 'blank-not-used-by-policy' } })
    const ok = await applyChanges(
      db,
      msk,
      [
        by('a1', change('policy_blank', useBlank(own))),
        by('a1', change('osago_policy', policy(3, { status: 'issued', blank_id: own.id }))),
      ],
      'push',
      now,
    )
    expect(ok.map((x) => x.status)).toEqual(['accepted', 'accepted'])
    const back = await applyChanges(
      db,
      msk,
      [by('a1', change('policy_blank', { ...useBlank(own), row_version: 3, status: 'available', policy_id: null }))],
      'push',
      now,
    )
    expect(back[0]).toMatchObject({
      status: 'rejected',
      reason: { code: 'bad-transition', params: { from: 'used', to: 'available' } },
    })
    const skip = await applyChanges(
      db,
      msk,
      [by('a1', change('osago_policy', policy(4, { status: 'draft', blank_id: own.id })))],
      'push',
      now,
    )
    expect(skip[0]).toMatchObject({
      status: 'rejected',
      reason: { code: 'bad-transition', params: { from: 'issued', to: 'draft' } },
    })
    // Accepted issued policies wait for the national register.
    expect(await db('hq_registration_queue').select('policy_id')).toEqual([{ policy_id: 'p1' }])
  })

  it('stores documents as objects, whether a device sends objects or (previous version) JSON text', async () => {
    const msk = await enrol('MSK-01', 'b1')
    await bootstrap(msk, 'b1')
    const draft = { insured: { kind: 'person', surname: 'Смирнов' }, drivers: { mode: 'list', list: [] } }
    const results = await applyChanges(
      db,
      msk,
      [
        // Today's device: the hot row, then its document as an object.
        by('a1', change('osago_policy', row('p2', 1, { status: 'draft' }))),
        by('a1', change('osago_document', row('p2', 1, { draft, calculation: null }))),
        // A device on the previous version: the policy row with its draft as text inside the change.
        by(
          'a1',
          change('osago_policy', row('p3', 1, { status: 'draft', draft: JSON.stringify(draft), application: null })),
        ),
      ],
      'push',
      now,
    )
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted'])
    const stored = async (entity: string, id: string) =>
      JSON.parse((await db('hq_record').where({ entity, id }).first()).data as string) as Record<string, unknown>
    expect((await stored('osago_document', 'p2')).draft).toEqual(draft)
    expect((await stored('osago_policy', 'p3')).draft).toEqual(draft)
    // A document of a policy HQ does not hold waits for it.
    const orphan = await applyChanges(
      db,
      msk,
      [by('a1', change('osago_document', row('p9', 1, { draft, calculation: null })))],
      'push',
      now,
    )
    expect(orphan[0]).toMatchObject({ status: 'deferred', reason: { code: 'subject-unknown' } })
  })
})

describe('four eyes (approval rule registry)', () => {
  it('a decision must come from an active supervisor of the branch who neither wrote the application nor inspected', async () => {
    // A test entity wired like a feature's decision table would be.
    ENTITY_RULES.test_decision = fourEyesApproval({
      decidedBy: 'decided_by',
      deciders: ['supervisor'],
      subject: { entity: 'test_quote', idField: 'quote_id', authorField: 'created_by' },
      inspection: { entity: 'test_inspection', idField: 'inspection_id', inspectorField: 'inspector_id' },
      lifecycle: approvalLifecycle,
    })
    ENTITY_RULES.test_quote = ownedRecordRule
    ENTITY_RULES.test_inspection = ownedRecordRule
    try {
      const dev = await enrol('MSK-01', 'b1')
      await applyChanges(
        db,
        dev,
        [
          change('branch', branchRow('b1', 'MSK-01')),
          change('staff', staffRow('a1', 'b1', 'admin', 'admin')),
          by('a1', change('staff', staffRow('clerk', 'b1', 'clerk'))),
          by('a1', change('staff', staffRow('insp', 'b1', 'insp', 'inspector'))),
          by('a1', change('staff', staffRow('sup', 'b1', 'sup', 'supervisor'))),
          by('a1', change('staff', staffRow('sup2', 'b1', 'sup2', 'supervisor'))),
          by('a1', change('staff', staffRow('gone', 'b1', 'gone', 'supervisor', 1, { active: 0 }))),
          by('sup2', change('test_quote', row('q1', 1, { created_by: 'sup2' }))),
          by('insp', change('test_inspection', row('i1', 1, { inspector_id: 'insp' }))),
        ],
        'push',
        now,
      )
      const decision = (id: string, by: string, extra: Record<string, unknown> = {}) =>
        change(
          'test_decision',
          row(id, 1, { quote_id: 'q1', inspection_id: 'i1', decided_by: by, decision: 'approved', ...extra }),
          'insert',
          by,
        )
      const codes = async (c: Change) => {
        const [r] = await applyChanges(db, dev, [c], 'push', now)
        return r!.status === 'accepted' ? 'accepted' : `${r!.status}:${r!.reason.code}`
      }
      expect(await codes(decision('d1', 'clerk'))).toBe('rejected:approver-not-supervisor')
      expect(await codes(decision('d2', 'gone'))).toBe('rejected:approver-inactive')
      expect(await codes(decision('d3', 'sup2'))).toBe('rejected:approver-is-author')
      expect(await codes(decision('d4', 'sup', { inspection_id: 'i-missing' }))).toBe('deferred:subject-unknown')
      expect(await codes({ ...decision('d5', 'sup'), changedBy: 'clerk' })).toBe('rejected:approver-not-sender')
      expect(await codes(decision('d6', 'sup'))).toBe('accepted')
      expect(
        await codes(
          change(
            'test_decision',
            row('d6', 2, { quote_id: 'q1', decided_by: 'sup', decision: 'rejected' }),
            'update',
            'sup',
          ),
        ),
      ).toBe('rejected:append-only')
      await applyChanges(
        db,
        dev,
        [by('sup', change('test_inspection', row('i2', 1, { inspector_id: 'sup' })))],
        'push',
        now,
      )
      expect(await codes(decision('d7', 'sup', { inspection_id: 'i2' }))).toBe('rejected:approver-is-inspector')
    } finally {
      delete ENTITY_RULES.test_decision
      delete ENTITY_RULES.test_quote
      delete ENTITY_RULES.test_inspection
    }
  })
})
