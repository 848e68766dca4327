import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from 'uuidv7'
import { ManualClock } from '../shared/app/clock'
import { clientLookupResponseSchema, type Change } from '../shared/sync/protocol'
import { jsonField } from './clients'
import { openHqDatabase } from './db'
import { HQ_MIGRATIONS, hqMigrationSource, type HqMigration } from './migrations'
import { writeRecords } from './records'
import { startPgCluster, type PgCluster } from './testing/pgCluster'
import { startHq, type RunningHq } from './testing/hqHarness'
import { branchRow, enrolOverHttp, insertChange, staffRow } from './testing/builders'

/**
 * POST /v1/clients/lookup (issue 15 point 1; docs/domain/personal-data.md#clients-of-other-branches): a named clerk
 * of the asking branch finds another branch's client by an exact identifier only, never its own branch's, no
 * faster than the per-device limit, and every lookup is recorded in hq_client_lookup — on SQLite and on PostgreSQL.
 */

interface Branch {
  code: string
  token: string
  deviceId: string
  branchId: string
  adminId: string
  clerkId: string
}

const person = (surname: string, name: string, birthDate: string, series: string, number: string, phone: string) => ({
  kind: 'person',
  surname,
  name,
  patronymic: 'Иванович',
  gender: 'male',
  birthDate,
  passport: { series, number, issueDate: '2015-05-05', issuer: 'ОВД', departmentCode: '770-001' },
  address: { region: 'Москва', city: 'Москва', street: 'Тверская', house: '1', flat: '2' },
  phone,
  email: 'secret@example.ru',
})

/** A client card as a device pushes it (core/client/clientRows.ts partyColumns). */
const clientRow = (branchId: string, party: ReturnType<typeof person>, fields: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  branch_id: branchId,
  kind: 'person',
  status: 'active',
  party,
  display_name: `${party.surname} ${party.name} ${party.patronymic}`,
  passport: `${party.passport.series}${party.passport.number}`,
  inn: null,
  phone: party.phone.replace(/\D/g, '').slice(-10),
  consent: null,
  merged_into: null,
  erased_at: null,
  last_activity_on: null,
  created_by: null,
  ...fields,
})

async function push(hq: RunningHq, token: string, changes: Change[]): Promise<void> {
  const res = await fetch(`${hq.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ changes }),
  })
  const body = (await res.json()) as { results: Array<{ status: string; reason?: unknown }> }
  expect(res.status).toBe(200)
  expect(body.results.filter((r) => r.status !== 'accepted')).toEqual([])
}

async function branch(hq: RunningHq, code: string): Promise<Branch> {
  const { token, deviceId, branchId } = await enrolOverHttp(hq, code)
  const adminId = uuidv7()
  const clerkId = uuidv7()
  await push(hq, token, [
    insertChange('branch', branchRow(branchId, code)),
    insertChange('staff', staffRow(adminId, branchId, `admin-${code}`)),
    insertChange('staff', staffRow(clerkId, branchId, `clerk-${code}`, { role: 'clerk' }), adminId),
  ])
  return { code, token, deviceId, branchId, adminId, clerkId }
}

function lookup(hq: RunningHq, token: string | null, body: unknown) {
  return fetch(`${hq.url}/v1/clients/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
}

async function found(hq: RunningHq, b: Branch, identifiers: unknown[]) {
  const res = await lookup(hq, b.token, { askedBy: b.clerkId, identifiers })
  expect(res.status).toBe(200)
  return clientLookupResponseSchema.parse(await res.json()).clients
}

let pg: PgCluster | undefined
beforeAll(async () => {
  pg = await startPgCluster()
}, 120_000)
afterAll(async () => {
  await pg?.stop()
})

describe.each(['sqlite', 'postgres'] as const)('POST /v1/clients/lookup on %s', (database) => {
  let hq: RunningHq
  let msk: Branch
  let spb: Branch
  let ivanov: ReturnType<typeof clientRow>
  let policyId: string
  const clock = new ManualClock(new Date('2026-12-06T09:30:00Z'))
  beforeAll(async () => {
    const databaseUrl = database === 'postgres' ? await pg!.createDatabase('client_lookup') : undefined
    hq = await startHq({ ...(databaseUrl ? { databaseUrl } : {}), clock, clientLookupsPerMinute: 40 })
    msk = await branch(hq, 'MSK-01')
    spb = await branch(hq, 'SPB-01')
    // Иванов is a client of SPB; МСК has a client of its own with the same phone (a family's shared number).
    ivanov = clientRow(spb.branchId, person('Иванов', 'Пётр', '1985-03-12', '4519', '123456', '+7 916 111-22-33'))
    // A duplicate card the admin merged into it: found through the card it joined, never by itself.
    const duplicate = clientRow(spb.branchId, person('Иванов', 'Пётр', '1985-03-12', '4519', '123456', ''))
    await push(hq, spb.token, [
      insertChange('client', ivanov, spb.clerkId),
      insertChange('client', duplicate, spb.clerkId),
    ])
    const merge = insertChange('client', { ...duplicate, status: 'merged', merged_into: ivanov.id }, spb.adminId)
    await push(hq, spb.token, [{ ...merge, op: 'update', rowVersion: 2, data: { ...merge.data, row_version: 2 } }])
    const own = clientRow(msk.branchId, person('Иванова', 'Анна', '1987-01-02', '4500', '000001', '89161112233'))
    await push(hq, msk.token, [insertChange('client', own, msk.clerkId)])
    // SPB's issued policy of Иванов and its link, as HQ holds them after the branch's push (their rules are tested
    // with the OSAGO flows; here only what the lookup reads).
    policyId = uuidv7()
    const now = clock.now().toISOString()
    await hq.db.transaction((trx) =>
      writeRecords(
        trx,
        [
          {
            entity: 'osago_policy',
            id: policyId,
            branchCode: 'SPB-01',
            rowVersion: 3,
            naturalKey: 'ХХХ 0123456789',
            data: {
              id: policyId,
              status: 'issued',
              policy_series: 'ХХХ',
              policy_number: '0123456789',
              insured_name: 'Иванов Пётр Иванович',
              plate: 'А123ВС78',
              vin: 'XTA21099012345678',
              conclusion_date: '2026-03-01',
              start_date: '2026-03-02',
              end_date: '2027-03-01',
              premium_kopecks: 812_345,
            },
            isNew: true,
            deviceId: spb.deviceId,
          },
          {
            entity: 'client_link',
            id: uuidv7(),
            branchCode: 'SPB-01',
            rowVersion: 1,
            naturalKey: `osago_policy#${policyId}#insured`,
            data: { client_id: ivanov.id, entity: 'osago_policy', entity_id: policyId, role: 'insured' },
            isNew: true,
            deviceId: spb.deviceId,
          },
        ],
        now,
      ),
    )
  }, 60_000)
  afterAll(async () => {
    await hq?.close()
  })

  it('finds another branch’s client by passport with the minimum: name, birth date, document, phone, branch, contracts', async () => {
    const [c, ...more] = await found(hq, msk, [{ by: 'passport', value: '4519123456' }])
    expect(more).toEqual([])
    expect(c).toEqual({
      id: ivanov.id,
      branchCode: 'SPB-01',
      branchName: 'Филиал SPB-01',
      kind: 'person',
      name: 'Иванов Пётр Иванович',
      birthDate: '1985-03-12',
      phone: '+7 916 111-22-33',
      person: {
        surname: 'Иванов',
        name: 'Пётр',
        patronymic: 'Иванович',
        passportSeries: '4519',
        passportNumber: '123456',
      },
      organisation: null,
      contracts: [
        expect.objectContaining({
          product: 'osago',
          id: policyId,
          series: 'ХХХ',
          number: '0123456789',
          branchCode: 'SPB-01',
        }),
      ],
    })
    // No address, e-mail or passport issue leaves HQ for another branch.
    const text = JSON.stringify(c)
    for (const secret of ['Тверская', 'secret@example.ru', 'ОВД', '770-001']) expect(text).not.toContain(secret)
  })

  it('by phone, by surname and birth date (case and ё aside), never the asking branch’s own cards', async () => {
    expect((await found(hq, msk, [{ by: 'phone', value: '9161112233' }])).map((c) => c.id)).toEqual([ivanov.id])
    const bySurname = await found(hq, msk, [{ by: 'person', surname: 'ИВАНОВ', birthDate: '1985-03-12' }])
    expect(bySurname.map((c) => c.id)).toEqual([ivanov.id])
    expect(await found(hq, msk, [{ by: 'person', surname: 'Иванов', name: 'Павел', birthDate: '1985-03-12' }])).toEqual(
      [],
    )
    expect(await found(hq, msk, [{ by: 'person', surname: 'Иванов', birthDate: '1985-03-13' }])).toEqual([])
    // SPB asking about its own client gets nothing: its device holds the card already.
    expect(await found(hq, spb, [{ by: 'passport', value: '4519123456' }])).toEqual([])
    // МСК's own Иванова is found by SPB, not by МСК.
    expect((await found(hq, spb, [{ by: 'phone', value: '9161112233' }])).map((c) => c.branchCode)).toEqual(['MSK-01'])
  })

  it('refuses anything but exact identifiers: a surname alone, a part of a number, a pattern', async () => {
    for (const identifiers of [
      [{ by: 'person', surname: 'Иванов' }],
      [{ by: 'surname', value: 'Иванов' }],
      [{ by: 'passport', value: '4519' }],
      [{ by: 'passport', value: '45191234%' }],
      [{ by: 'phone', value: '916%' }],
      [{ by: 'person', surname: 'Ив%', birthDate: '1985-03-12' }],
      [],
    ]) {
      const res = await lookup(hq, msk.token, { askedBy: msk.clerkId, identifiers })
      expect(res.status, JSON.stringify(identifiers)).toBe(400)
    }
  })

  it('answers only a device with a token, for a clerk or supervisor of the device’s own branch', async () => {
    const identifiers = [{ by: 'passport', value: '4519123456' }]
    expect((await lookup(hq, null, { askedBy: msk.clerkId, identifiers })).status).toBe(401)
    expect((await lookup(hq, 'not-a-token', { askedBy: msk.clerkId, identifiers })).status).toBe(401)
    for (const askedBy of [spb.clerkId, msk.adminId, uuidv7()]) {
      const res = await lookup(hq, msk.token, { askedBy, identifiers })
      expect(res.status).toBe(403)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown-staff')
    }
  })

  it('records every lookup: who, which device and branch, what was asked, what was answered', async () => {
    const before = Number(((await hq.db('hq_client_lookup').count({ n: '*' }).first()) as { n: unknown }).n)
    clock.set(new Date('2026-12-06T10:00:00Z'))
    await found(hq, msk, [
      { by: 'passport', value: '4519123456' },
      { by: 'phone', value: '4519123456' },
    ])
    await found(hq, msk, [{ by: 'inn', value: '7707083893' }])
    const rows = (await hq.db('hq_client_lookup').orderBy('asked_at').orderBy('answered', 'desc')) as Array<
      Record<string, unknown>
    >
    expect(rows.length).toBe(before + 2)
    const [hit, miss] = rows.slice(-2)
    expect(hit).toMatchObject({
      asked_at: '2026-12-06T10:00:00.000Z',
      device_id: msk.deviceId,
      branch_code: 'MSK-01',
      asked_by: msk.clerkId,
      answered: 1,
    })
    expect(JSON.parse(String(hit!.identifiers))).toEqual([
      { by: 'passport', value: '4519123456' },
      { by: 'phone', value: '4519123456' },
    ])
    expect(JSON.parse(String(hit!.answered_ids))).toEqual([`SPB-01/${ivanov.id}`])
    expect(miss).toMatchObject({ answered: 0, answered_ids: '[]' })
  })

  it('no faster than CLIENT_LOOKUPS_PER_MINUTE per device; another device is not slowed', async () => {
    const body = { askedBy: msk.clerkId, identifiers: [{ by: 'inn', value: '7707083893' }] }
    const answers: Response[] = []
    for (let i = 0; i < 45; i++) answers.push(await lookup(hq, msk.token, body))
    const statuses = answers.map((r) => r.status)
    // The earlier cases asked too: within the minute, at most 40 answered in all, the rest refused with a wait.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40)
    const refused = answers.find((r) => r.status === 429)
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe('rate-limited')
    expect((await lookup(hq, spb.token, { ...body, askedBy: spb.clerkId })).status).toBe(200)
  })
})

describe('the lookup reads the client indexes (SQLite plan)', () => {
  it('searches a passport, a phone and a birth date through the partial indexes, not a scan of hq_record', async () => {
    const hq = await startHq()
    try {
      for (const [path, index] of [
        [['passport'], 'hq_record_client_passport_idx'],
        [['inn'], 'hq_record_client_inn_idx'],
        [['phone'], 'hq_record_client_phone_idx'],
        [['party', 'birthDate'], 'hq_record_client_birth_idx'],
      ] as const) {
        const plan = (await hq.db.raw(
          `explain query plan select * from hq_record where entity = 'client' and branch_code <> 'X' and ${jsonField(hq.db, path)} = '1'`,
        )) as Array<{ detail: string }>
        expect(plan.map((p) => p.detail).join(' ')).toContain(index)
      }
    } finally {
      await hq.close()
    }
  })
})

describe('HQ migration 20261206000002_hq_client_lookup', () => {
  it('adds the lookup log and the client indexes, and takes them away again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-hq-clientlookup-'))
    const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'hq.sqlite') }, { migrate: false })
    try {
      const through: ReturnType<typeof hqMigrationSource> = {
        getMigrations: async () => HQ_MIGRATIONS.filter((m) => m.name <= '20261206000002_hq_client_lookup'),
        getMigrationName: (m: HqMigration) => m.name,
        getMigration: async (m: HqMigration) => m,
      }
      await db.migrate.latest({ migrationSource: through, tableName: 'hq_migrations' })
      const indexes = async () =>
        (
          (await db.raw(
            `select name from sqlite_master where type = 'index' and name like 'hq_record_client%'`,
          )) as Array<{
            name: string
          }>
        )
          .map((r) => r.name)
          .sort()
      expect(await db.schema.hasTable('hq_client_lookup')).toBe(true)
      expect(await indexes()).toEqual([
        'hq_record_client_birth_idx',
        'hq_record_client_inn_idx',
        'hq_record_client_link_idx',
        'hq_record_client_passport_idx',
        'hq_record_client_phone_idx',
      ])
      await db.migrate.down({ migrationSource: through, tableName: 'hq_migrations' })
      expect(await db.schema.hasTable('hq_client_lookup')).toBe(false)
      expect(await indexes()).toEqual([])
    } finally {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
