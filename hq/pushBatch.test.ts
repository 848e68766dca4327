import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Change, ChangeResult } from '../shared/sync/protocol'
import { ensureBranch, issueEnrolmentCode } from './admin'
import { openHqDatabase, type HqDb } from './db'
import { enrolDevice } from './enrolment'
import { applyChanges, STORED_CHANGES_PG, type DeviceIdentity } from './push'
import { getRecordsOf, RECORDS_OF_PG } from './records'
import { startPgCluster, type PgCluster } from './testing/pgCluster'

/**
 * On PostgreSQL a push batch is written with one statement per table (hq/records.ts: json_to_recordset) and its
 * natural keys read in one query (hq/push.ts); SQLite keeps row-by-row writes. The same batches applied to both
 * must give the same answers and leave the same records, positions and log: inserts, a record changed three times
 * in a batch, stale and gapped versions, a login released and taken in one batch, a key moved, a resent batch.
 */
const now = new Date('2026-11-21T10:00:00Z')
const at = now.toISOString()
const row = (id: string, version: number, extra: Record<string, unknown>) => ({
  id,
  created_at: at,
  updated_at: at,
  row_version: version,
  ...extra,
})
const change = (
  entity: string,
  data: Record<string, unknown>,
  changedBy: string | null,
  op?: Change['op'],
): Change => ({
  changeId: uuidv7(),
  entity,
  entityId: String(data.id),
  op: op ?? (data.row_version === 1 ? 'insert' : 'update'),
  rowVersion: Number(data.row_version),
  data,
  changedAt: at,
  changedBy,
})
const staff = (id: string, login: string, version = 1, role = 'clerk') =>
  row(id, version, {
    branch_id: 'B1',
    login,
    full_name: `Сотрудник ${login}`,
    role,
    password_hash: 'scrypt$…',
    active: 1,
    must_change_password: 0,
  })
const policy = (id: string, version: number, name: string) =>
  row(id, version, { status: 'draft', insured_name: name, conclusion_date: '2026-11-21', blank_id: null })
// Quotes, a backslash and control characters — U+001E among them, the separator of a batch's bodies on their way
// to PostgreSQL (hq/records.ts): JSON writes them as escapes, so the bodies arrive whole.
const document = (id: string) =>
  row(id, 1, { draft: { insured: { surname: 'Смирнов "Ж"\\\u001e\u0000\t' } }, calculation: null })

const [P1, P2, P3, P4] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()]
const batches: Change[][] = []
{
  batches.push([
    change('branch', row('B1', 1, { code: 'MSK-01', name: 'Филиал', city: 'Москва' }), null),
    change('staff', staff('a1', 'admin', 1, 'admin'), null),
    change('staff', staff('c1', 'clerk1'), 'a1'),
    change('staff', staff('c2', 'clerk2'), 'a1'),
  ])
  const twice = change('osago_policy', policy(P2, 2, 'Второй'), 'c1')
  batches.push([
    change('osago_policy', policy(P1, 1, 'Первый'), 'c1'),
    change('osago_document', document(P1), 'c1'),
    change('osago_policy', policy(P2, 1, 'Второй'), 'c1'),
    change('osago_policy', policy(P3, 1, 'Третий'), 'c1'),
    change('osago_policy', policy(P1, 2, 'Первый 2'), 'c1'),
    change('osago_policy', policy(P1, 3, 'Первый 3'), 'c1'),
    twice,
    twice,
    change('osago_policy', policy(P2, 2, 'Второй устарел'), 'c1'),
    change('osago_policy', policy(P3, 3, 'Пропуск версии'), 'c1', 'update'),
    // clerk2's login is released and taken in one batch: the key is HQ's until the batch is written.
    change('staff', staff('c2', 'clerk2b', 2), 'a1'),
    change('staff', staff('c3', 'clerk2'), 'a1'),
    change('staff', staff('c4', 'clerk1'), 'a1'),
  ])
  batches.push([
    ...batches[1]!.slice(0, 4),
    change('osago_policy', policy(P1, 4, 'Первый 4'), 'c1'),
    change('osago_policy', policy(P2, 3, 'Второй 3'), 'c2'),
    // Keys moved: a login changes; one freed by the last batch is taken; one freed in this batch is still HQ's.
    change('staff', staff('c1', 'clerk9', 2), 'a1'),
    change('staff', staff('c3', 'clerk2'), 'a1'),
    change('staff', staff('c2', 'clerk1', 3), 'a1'),
  ])
  // No key moves: inserts and updates in one statement on PostgreSQL.
  batches.push([
    change('osago_policy', policy(P1, 5, 'Первый 5'), 'c1'),
    change('osago_policy', policy(P4, 1, 'Четвёртый'), 'c1'),
    change('osago_policy', policy(P2, 3, 'Второй снова 3'), 'c1'),
    // A lone surrogate (a broken paste): stored as U+FFFD by either database, never failing the batch.
    change('osago_policy', policy(P4, 2, 'Четвёртый \ud800 2'), 'c1'),
    change('osago_document', document(P4), 'c1'),
  ])
  // Nothing accepted: only the log and the device's last-seen time are written.
  batches.push([change('osago_policy', policy(P1, 5, 'Первый устарел'), 'c1')])
}

interface Outcome {
  answers: ChangeResult[][]
  records: unknown[]
  log: unknown[]
}

async function run(db: HqDb): Promise<Outcome> {
  await ensureBranch(db, { code: 'MSK-01', name: 'Филиал', city: 'Москва' }, now)
  const { code } = await issueEnrolmentCode(db, 'MSK-01', now, 7)
  const r = await enrolDevice(
    db,
    { code, deviceName: 'd', branch: { id: 'B1', code: 'MSK-01', name: 'n', city: 'c' } },
    now,
  )
  const device: DeviceIdentity = { id: r.deviceId, branchCode: 'MSK-01' }
  const answers: ChangeResult[][] = []
  for (const batch of batches) answers.push(await applyChanges(db, device, batch, 'push', now))
  const records = (await db('hq_record')
    .orderBy('seq')
    .select('entity', 'id', 'branch_code', 'row_version', 'data', 'natural_key', 'seq', 'updated_by_device')) as Array<
    Record<string, unknown>
  >
  const log = await db('hq_change')
    .orderBy('change_id')
    .select(
      'change_id',
      'device_id',
      'branch_code',
      'changed_by',
      'entity',
      'entity_id',
      'op',
      'row_version',
      'status',
      'reason_code',
      'reason_params',
      'changed_at',
      'received_at',
      'via',
    )
  return {
    answers,
    records: records.map((x) => ({
      ...x,
      row_version: Number(x.row_version),
      seq: Number(x.seq),
      updated_by_device: x.updated_by_device === device.id,
    })),
    // The columns one value in a whole batch goes as a single parameter on PostgreSQL (hq/records.ts changeInsert).
    log: log.map((x: Record<string, unknown>) => ({
      ...x,
      row_version: Number(x.row_version),
      device_id: x.device_id === device.id,
    })),
  }
}

let cluster: PgCluster
let dir: string
beforeAll(async () => {
  cluster = await startPgCluster()
  dir = mkdtempSync(join(tmpdir(), 'bd-pushbatch-'))
}, 60_000)
afterAll(async () => {
  await cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a push batch on PostgreSQL and on SQLite', () => {
  it('gives the same answers and leaves the same records, positions and log', async () => {
    const lite = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') })
    const pg = await openHqDatabase({ client: 'pg', url: await cluster.createDatabase('pushbatch') })
    try {
      const a = await run(lite)
      const b = await run(pg)
      expect(b.answers).toEqual(a.answers)
      expect(b.records).toEqual(a.records)
      expect(b.log).toEqual(a.log)

      // The scenario reaches what it is meant to: every kind of answer, the keys moved as the batches said.
      const statuses = a.answers
        .flat()
        .map((x) => (x.status === 'accepted' ? x.status : `${x.status}:${x.reason.code}`))
      expect(statuses).toEqual(
        expect.arrayContaining(['accepted', 'conflict:stale', 'conflict:version-gap', 'rejected:duplicate']),
      )
      expect(a.answers[1]![7]).toEqual(a.answers[1]![6])
      expect(a.answers[2]!.slice(0, 4)).toEqual(a.answers[1]!.slice(0, 4))
      const keys = Object.fromEntries(
        (a.records as Array<{ entity: string; id: string; natural_key: string | null }>)
          .filter((x) => x.entity === 'staff')
          .map((x) => [x.id, x.natural_key]),
      )
      expect(keys).toEqual({ a1: 'MSK-01:admin', c1: 'MSK-01:clerk9', c2: 'MSK-01:clerk2b', c3: 'MSK-01:clerk2' })
      const p1 = (a.records as Array<{ entity: string; id: string; row_version: number }>).find(
        (x) => x.entity === 'osago_policy' && x.id === P1,
      )!
      expect(p1.row_version).toBe(5)
      // Bodies stored as the JSON text of what was accepted (documents as objects), whatever the database.
      const docs = (b.records as Array<{ entity: string; data: string }>).filter((x) => x.entity === 'osago_document')
      expect(docs.map((x) => x.data)).toEqual([JSON.stringify(document(P1)), JSON.stringify(document(P4))])
      expect(a.answers[3]!.map((x) => x.status)).toEqual(['accepted', 'accepted', 'conflict', 'accepted', 'accepted'])
      expect(a.answers[4]!.map((x) => x.status)).toEqual(['conflict'])
      const p4 = (b.records as Array<{ entity: string; id: string; data: string }>).find(
        (x) => x.entity === 'osago_policy' && x.id === P4,
      )!
      expect((JSON.parse(p4.data) as { insured_name: string }).insured_name).toBe('Четвёртый \ufffd 2')
    } finally {
      await lite.destroy()
      await pg.destroy()
    }
  }, 60_000)
})

describe('a push batch reads its records and stored answers by key on PostgreSQL', () => {
  it('probes the primary keys per record and change, never scans a table, however many rows HQ holds', async () => {
    const pg = await openHqDatabase({ client: 'pg', url: await cluster.createDatabase('recordsof') })
    try {
      await ensureBranch(pg, { code: 'MSK-01', name: 'Филиал', city: 'Москва' }, now)
      // 20,000 records with fresh statistics: a plain join of the batch's 1,000 pairs was planned as a hash of the
      // whole table here (9–12 ms a batch inside the branch's lock).
      await pg.raw(
        `insert into hq_record (entity, id, branch_code, row_version, data, natural_key, seq, created_at, updated_at)
         select e, 'r' || g, 'MSK-01', 1, '{}', null, g, ?, ? from generate_series(1, 10000) g,
           unnest(array['osago_policy', 'osago_document']) e`,
        [at, at],
      )
      await pg.raw('analyze hq_record')
      const entities = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'osago_document' : 'osago_policy'))
      const ids = Array.from({ length: 1000 }, (_, i) => (i < 500 ? `r${i * 7}` : uuidv7()))
      const plan = (await pg.raw(`explain ${RECORDS_OF_PG}`, [entities, ids])) as {
        rows: Array<{ 'QUERY PLAN': string }>
      }
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n')
      expect(text).toContain('Index Scan using hq_record_pkey')
      expect(text).not.toMatch(/Seq Scan on hq_record|Hash Join/)

      // The batch's stored answers likewise: one probe of the log's key per change id.
      await pg.raw(
        `insert into hq_change (change_id, device_id, branch_code, entity, entity_id, op, row_version, changed_at,
           received_at, status, via)
         select 'c' || g, 'd', 'MSK-01', 'osago_policy', 'r' || g, 'insert', 1, ?, ?, 'accepted', 'push'
         from generate_series(1, 20000) g`,
        [at, at],
      )
      await pg.raw('analyze hq_change')
      const changePlan = (await pg.raw(`explain ${STORED_CHANGES_PG}`, [ids.map((id) => `c${id.slice(1)}`)])) as {
        rows: Array<{ 'QUERY PLAN': string }>
      }
      const changeText = changePlan.rows.map((r) => r['QUERY PLAN']).join('\n')
      expect(changeText).toContain('Index Scan using hq_change_pkey')
      expect(changeText).not.toMatch(/Seq Scan on hq_change|Hash Join/)

      const wanted = new Map<string, string[]>()
      entities.forEach((e, i) => wanted.set(e, [...(wanted.get(e) ?? []), ids[i]!]))
      const found = await getRecordsOf(pg, wanted)
      // r7 … r3493 are held (r0 is not); the UUIDs are not.
      const held = ids.flatMap((id, i) => (i > 0 && i < 500 ? [`${entities[i]}\u0000${id}`] : []))
      expect([...found.keys()].sort()).toEqual(held.sort())
    } finally {
      await pg.destroy()
    }
  }, 60_000)
})
