import { enrolDirect } from './testing/enrolDirect'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change, ChangeResult } from '../shared/sync/protocol'
import { translate } from '../shared/i18n/messages'
import { authorshipFor, branchAt } from './authorship'
import { openHqDatabase, type HqDb } from './db'
import { applyChanges, type DeviceIdentity } from './push'
import { moveStaff } from './staffMoves'
import { startHq } from './testing/hqHarness'
import { establishBranch, makeDevice } from '../core/sync/testing/syncHarness'

/**
 * Issue 13: HQ stored whatever a device named as a change's author. A change is taken only from staff of the
 * sending device's branch as of the change (hq/authorship.ts), through the real push (hq/push.ts) on SQLite.
 */
let dir: string
let db: HqDb
const now = new Date('2026-12-05T10:00:00Z')
const iso = (d: Date) => d.toISOString()
const hoursFrom = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000)

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-hqauthor-'))
  db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const enrol = (branchCode: string, branchRecordId: string) => enrolDirect(db, branchCode, branchRecordId, now)

const row = (id: string, extra: Record<string, unknown>, version = 1) => ({
  id,
  created_at: iso(now),
  updated_at: iso(now),
  row_version: version,
  ...extra,
})
function change(
  entity: string,
  data: Record<string, unknown>,
  changedBy: string | null,
  at: Date = now,
  op: Change['op'] = Number(data.row_version) === 1 ? 'insert' : 'update',
): Change {
  return {
    changeId: uuidv7(),
    entity,
    entityId: String(data.id),
    op,
    rowVersion: Number(data.row_version),
    data,
    changedAt: iso(at),
    changedBy,
  }
}
const branchChange = (id: string, code: string) => change('branch', row(id, { code, name: 'Ф', city: 'Г' }), null)
const staffChange = (id: string, branchId: string, role: string, by: string | null, at: Date = now) =>
  change(
    'staff',
    row(id, {
      branch_id: branchId,
      login: id,
      full_name: `Сотрудник ${id}`,
      role,
      password_hash: 'scrypt$…',
      active: true,
      must_change_password: false,
    }),
    by,
    at,
  )
let settings = 0
const setting = (by: string | null, at: Date = now) =>
  change('setting', row(uuidv7(), { key: `k${++settings}`, value: '"1"' }), by, at)

const outcome = (r: ChangeResult) => (r.status === 'accepted' ? 'accepted' : `${r.status}:${r.reason.code}`)
async function push(dev: DeviceIdentity, changes: Change[]): Promise<string[]> {
  return (await applyChanges(db, dev, changes, 'push', now)).map(outcome)
}

/** Moscow (admin `m-admin`, clerk `m-clerk`) and St Petersburg (admin `s-admin`), each set up by its first device. */
async function twoBranches(): Promise<{ msk: DeviceIdentity; spb: DeviceIdentity }> {
  const msk = await enrol('MSK-01', 'b-msk')
  const spb = await enrol('SPB-01', 'b-spb')
  expect(
    await push(msk, [
      branchChange('b-msk', 'MSK-01'),
      staffChange('m-admin', 'b-msk', 'admin', null),
      staffChange('m-clerk', 'b-msk', 'clerk', 'm-admin'),
    ]),
  ).toEqual(['accepted', 'accepted', 'accepted'])
  expect(await push(spb, [branchChange('b-spb', 'SPB-01'), staffChange('s-admin', 'b-spb', 'admin', null)])).toEqual([
    'accepted',
    'accepted',
  ])
  return { msk, spb }
}

describe('a change’s author', () => {
  it('must be staff HQ knows: an unknown id or free text is refused, with the name the device sent', async () => {
    const { msk } = await twoBranches()
    const results = await applyChanges(
      db,
      msk,
      [setting('m-clerk'), setting(uuidv7()), setting('Иванов И. И.'), setting('m-admin')],
      'push',
      now,
    )
    expect(results.map(outcome)).toEqual(['accepted', 'rejected:author-unknown', 'rejected:author-unknown', 'accepted'])
    expect(results[2]).toMatchObject({ reason: { params: { author: 'Иванов И. И.' } }, current: null })
    // Refused changes are logged with their reason and leave no record behind.
    expect(await db('hq_change').where({ reason_code: 'author-unknown' })).toHaveLength(2)
    expect(await db('hq_record').where({ entity: 'setting' })).toHaveLength(2)
  })

  it('must be staff of the sending device’s branch, not of another branch', async () => {
    const { msk, spb } = await twoBranches()
    const results = await applyChanges(db, spb, [setting('m-clerk'), setting('s-admin')], 'push', now)
    expect(results.map(outcome)).toEqual(['rejected:author-other-branch', 'accepted'])
    expect(results[0]).toMatchObject({ reason: { params: { author: 'm-clerk', branch: 'MSK-01' } } })
    expect(await push(msk, [setting('s-admin')])).toEqual(['rejected:author-other-branch'])
  })

  it('may be staff created earlier in the same batch, not later in it', async () => {
    const { msk, spb } = await twoBranches()
    expect(
      await push(msk, [
        setting('m-new'),
        staffChange('m-new', 'b-msk', 'clerk', 'm-admin'),
        setting('m-new'),
        staffChange('m-late', 'b-msk', 'clerk', 'm-new'),
      ]),
    ).toEqual(['rejected:author-unknown', 'accepted', 'accepted', 'accepted'])
    // A staff member the batch tried to create and HQ refused is nobody's author.
    expect(await push(spb, [staffChange('x-spy', 'b-msk', 'clerk', 's-admin'), setting('x-spy')])).toEqual([
      'rejected:wrong-branch',
      'rejected:author-unknown',
    ])
  })

  it('counts for the branch the member was in when the change was made, across moves', async () => {
    const { msk, spb } = await twoBranches()
    const movedAt = hoursFrom(now, 24)
    expect(await moveStaff(db, { staffId: 'm-clerk', toBranch: 'spb-01' }, movedAt)).toEqual({
      from: 'MSK-01',
      to: 'SPB-01',
    })
    // Moscow's computer was offline: what the clerk did there before the move still counts, after it not.
    expect(
      await push(msk, [setting('m-clerk', hoursFrom(movedAt, -1)), setting('m-clerk', hoursFrom(movedAt, 1))]),
    ).toEqual(['accepted', 'rejected:author-other-branch'])
    // In St Petersburg the other way round.
    const spbResults = await applyChanges(
      db,
      spb,
      [setting('m-clerk', hoursFrom(movedAt, -1)), setting('m-clerk', hoursFrom(movedAt, 1))],
      'push',
      now,
    )
    expect(spbResults.map(outcome)).toEqual(['rejected:author-other-branch', 'accepted'])
    expect(spbResults[0]).toMatchObject({ reason: { params: { branch: 'MSK-01' } } })

    // Back to Moscow a day later: three periods.
    const backAt = hoursFrom(movedAt, 24)
    await moveStaff(db, { staffId: 'm-clerk', toBranch: 'MSK-01' }, backAt)
    expect(
      await push(msk, [
        setting('m-clerk', hoursFrom(movedAt, -1)),
        setting('m-clerk', hoursFrom(movedAt, 1)),
        setting('m-clerk', hoursFrom(backAt, 1)),
      ]),
    ).toEqual(['accepted', 'rejected:author-other-branch', 'accepted'])
    expect(
      (await db('hq_staff_branch').where({ staff_id: 'm-clerk' }).orderBy('since').select('branch_code')).map(
        (r: { branch_code: string }) => r.branch_code,
      ),
    ).toEqual(['MSK-01', 'SPB-01', 'MSK-01'])
    // The record went with the member: it is St Petersburg's… and Moscow's again, at a new version each time.
    const record = await db('hq_record').where({ entity: 'staff', id: 'm-clerk' }).first()
    expect(record).toMatchObject({ branch_code: 'MSK-01', row_version: 3 })
    expect(JSON.parse(record.data as string)).toMatchObject({ branch_id: 'b-msk', row_version: 3 })
  })

  it('may be absent only on what the app does with nobody signed in: setup, its own jobs and migrations', async () => {
    const msk = await enrol('MSK-01', 'b-msk')
    // First run: the branch and its bootstrap admin come with no author; the admin makes everything after.
    expect(
      await push(msk, [
        branchChange('b-msk', 'MSK-01'),
        staffChange('m-clerk0', 'b-msk', 'clerk', null),
        staffChange('m-admin', 'b-msk', 'admin', null),
        staffChange('m-admin2', 'b-msk', 'admin', null),
      ]),
    ).toEqual(['accepted', 'rejected:author-missing', 'accepted', 'rejected:author-missing'])
    // Once the branch has staff at HQ, no later batch brings another admin without an author.
    expect(await push(msk, [staffChange('m-admin3', 'b-msk', 'admin', null)])).toEqual(['rejected:author-missing'])
    // A person's change with no author is refused; a document the device's migration moved out of its policy is not.
    const policy = change('osago_policy', row('p1', { status: 'draft' }), null)
    expect(await push(msk, [policy, setting(null)])).toEqual(['rejected:author-missing', 'rejected:author-missing'])
    expect(
      await push(msk, [
        { ...policy, changeId: uuidv7(), changedBy: 'm-admin' },
        change('osago_document', row('p1', { draft: {}, calculation: null }), null),
      ]),
    ).toEqual(['accepted', 'accepted'])
    // A document under no name for a policy HQ has never seen is not stored: its rule waits for the policy.
    expect(await push(msk, [change('osago_document', row('p-none', { draft: {}, calculation: null }), null)])).toEqual([
      'deferred:subject-unknown',
    ])
  })

  it('absent on a termination update, may move only the payout deadline — a status changed under no name is refused', async () => {
    const held = row('t1', {
      status: 'registered',
      payout_due_on: '2026-12-20',
      deadline_changes: null,
      refund_kopecks: 100,
    })
    const lookup = async (entity: string, id: string) =>
      entity === 'termination_application' && id === 't1'
        ? { entity, id, branchCode: 'MSK-01', rowVersion: 1, data: held, naturalKey: null }
        : null
    const verdictOf = (data: Record<string, unknown>) => {
      const c = change('termination_application', { ...held, ...data, row_version: 2 }, null)
      return db.transaction((trx) => authorshipFor(trx, 'MSK-01', [c], lookup).verdict(c))
    }
    const moved = { payout_due_on: '2026-12-22', deadline_changes: '[{"previous":"2026-12-20"}]', updated_at: 'x' }
    expect(await verdictOf(moved)).toBeNull()
    expect((await verdictOf({ ...moved, status: 'paid' }))?.reason.code).toBe('author-missing')
    expect((await verdictOf({ refund_kopecks: 100_000 }))?.reason.code).toBe('author-missing')
  })

  it('is loaded once per batch, not once per change', async () => {
    const { msk } = await twoBranches()
    for (const id of ['m-c1', 'm-c2', 'm-c3'])
      expect(await push(msk, [staffChange(id, 'b-msk', 'clerk', 'm-admin')])).toEqual(['accepted'])
    const queries: string[] = []
    const count = (q: { sql: string }) => queries.push(q.sql)
    db.on('query', count)
    try {
      const authors = ['m-admin', 'm-clerk', 'm-c1', 'm-c2', 'm-c3']
      expect(
        new Set(
          await push(
            msk,
            Array.from({ length: 40 }, (_, i) => setting(authors[i % 5]!)),
          ),
        ),
      ).toEqual(new Set(['accepted']))
      const manyAuthors = queries.length
      queries.length = 0
      expect(
        new Set(
          await push(
            msk,
            Array.from({ length: 40 }, () => setting('m-admin')),
          ),
        ),
      ).toEqual(new Set(['accepted']))
      expect(queries.filter((q) => q.includes('hq_staff_branch'))).toHaveLength(1)
      // Five authors cost what one does: one query for the batch.
      expect(manyAuthors).toBe(queries.length)
    } finally {
      db.off('query', count)
    }
  })
})

describe('the branch a staff member was in at a moment', () => {
  it('a member never moved belongs to the branch holding their record; a moved one by period', () => {
    expect(branchAt({ holder: 'MSK-01', periods: [] }, 'garbage')).toBe('MSK-01')
    const moved = {
      holder: 'SPB-01',
      periods: [
        { branchCode: 'MSK-01', since: -Infinity, until: Date.parse('2026-12-06T10:00:00Z') },
        { branchCode: 'SPB-01', since: Date.parse('2026-12-06T10:00:00Z'), until: Infinity },
      ],
    }
    expect(branchAt(moved, '2026-12-06T09:59:59.999Z')).toBe('MSK-01')
    expect(branchAt(moved, '2026-12-06T10:00:00.000Z')).toBe('SPB-01')
    // A device's time with an offset is the same moment.
    expect(branchAt(moved, '2026-12-06T12:59:00+03:00')).toBe('MSK-01')
    expect(branchAt(moved, 'not a time')).toBe('SPB-01')
  })
})

describe('on the device', () => {
  it('a change whose author HQ refuses stays on the sync screen with its reason and does not hold the rest back', async () => {
    const hq = await startHq()
    const a = await makeDevice()
    try {
      await establishBranch(a, 'MSK-01')
      await a.ok('sync/enrol', { hqUrl: hq.url, code: await hq.enrolmentCode('MSK-01'), deviceName: 'A' }, 'admin')
      expect((await a.ok('sync/sync-now', undefined, 'admin')).ok).toBe(true)
      // A tampered device names somebody HQ does not know as the author of a change, then a real change follows.
      await a.core.db('outbox').insert({
        change_id: uuidv7(),
        entity: 'setting',
        entity_id: 'forged-id',
        op: 'insert',
        row_version: 1,
        data: JSON.stringify(row('forged-id', { key: 'forged', value: '"1"' })),
        changed_at: iso(new Date()),
        changed_by: 'Иванов И. И.',
      })
      await a.ok(
        'staff/create-staff',
        { login: 'clerk1', fullName: 'Сотрудник', role: 'clerk', password: 'Temp12345' },
        'admin',
      )
      const run = await a.ok('sync/sync-now', undefined, 'admin')
      expect(run.status).toMatchObject({ pendingChanges: 0, issues: { total: 1 } })
      const { items } = await a.ok('sync/list-issues', undefined, 'admin')
      expect(items[0]).toMatchObject({
        kind: 'rejected',
        entity: 'setting',
        reasonKey: 'sync.reasons.author-unknown',
        reasonParams: { author: 'Иванов И. И.' },
      })
      expect(translate('ru', items[0]!.reasonKey, items[0]!.reasonParams)).toBe(
        'ЦО не знает сотрудника, указанного автором изменения (Иванов И. И.)',
      )
      // The clerk the admin created after it was taken: a refused change does not block the outbox.
      expect(await hq.db('hq_record').where({ entity: 'staff' })).toHaveLength(2)
    } finally {
      await a.dispose()
      await hq.close()
    }
  })
})
