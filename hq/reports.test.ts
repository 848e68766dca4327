import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../shared/reports/export/table'
import { reportCommand } from './reportCommand'
import * as reportIndexes from './migrations/20261206000003_hq_report_indexes'
import { lastMove, reportField } from './migrations/20261206000003_hq_report_indexes'
import { openHqDatabase } from './db'
import { sameToken } from './reportsRoutes'
import { enrolOverHttp } from './testing/builders'
import { startHq, type RunningHq } from './testing/hqHarness'
import { startPgCluster, type PgCluster } from './testing/pgCluster'

/**
 * HQ's cross-branch reports on a real HQ (SQLite) with the records two branches pushed: the admin endpoint behind
 * HQ_ADMIN_TOKEN (a device's token refused), JSON/XLSX/CSV, and the admin command.
 */
const ADMIN = 'hq-admin-token-0123456789abcdefghijklmnop'
let hq: RunningHq
let deviceToken: string
let dir: string
let seq = 0

async function record(entity: string, branch: string, data: Record<string, unknown>) {
  const at = '2026-12-06T10:00:00.000Z'
  await hq.db('hq_record').insert({
    entity,
    id: String(data.id),
    branch_code: branch,
    row_version: 1,
    data: JSON.stringify({ created_at: at, updated_at: at, row_version: 1, ...data }),
    natural_key: entity === 'policy_blank' ? `${String(data.series)} ${String(data.number)}` : null,
    seq: ++seq + 1_000_000,
    created_at: at,
    updated_at: at,
  })
}
const payment = (id: string, p: Record<string, unknown>) => ({
  id,
  direction: 'in',
  purpose: 'osago_premium',
  method: 'cash',
  clerk_id: 'k1',
  clerk_name: 'Иванова И. И.',
  business_day: '2026-12-06',
  paid_at: '2026-12-06T08:00:00.000Z',
  reverses_id: null,
  ...p,
})
const n = (i: number) => String(i).padStart(10, '0')

let pg: PgCluster | undefined
beforeAll(async () => {
  pg = await startPgCluster()
  dir = mkdtempSync(join(tmpdir(), 'bd-hq-reports-'))
}, 120_000)
afterAll(async () => {
  await pg?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function seed(database: 'sqlite' | 'postgres') {
  seq = 0
  const databaseUrl = database === 'postgres' ? await pg!.createDatabase('reports') : undefined
  hq = await startHq({ adminToken: ADMIN, ...(databaseUrl ? { databaseUrl } : {}) })
  deviceToken = (await enrolOverHttp(hq, 'MSK-01')).token
  await hq.enrolmentCode('SPB-01')
  // MSK-01: 05.12 closed with 1 000,00 in the till; 06.12 open: 123,45 cash in, 50,00 card in, 20,00 cash out.
  await record('cash_day', 'MSK-01', {
    id: 'd5',
    day: '2026-12-05',
    status: 'closed',
    closed_at: '2026-12-05T15:00:00.000Z',
    closed_by: 'k1',
    report: { closingCashKopecks: 100_000 },
  })
  await record('payment', 'MSK-01', payment('p1', { amount_kopecks: 12_345 }))
  await record('payment', 'MSK-01', payment('p2', { amount_kopecks: 5_000, method: 'card' }))
  await record(
    'payment',
    'MSK-01',
    payment('p3', { amount_kopecks: 2_000, direction: 'out', purpose: 'termination_refund' }),
  )
  await record('payment', 'MSK-01', payment('p4', { amount_kopecks: 99_999, business_day: '2026-12-07' }))
  // SPB-01: 06.12 closed, its report frozen as the branch sent it.
  await record('staff', 'SPB-01', { id: 'k9', full_name: 'Смирнова С. С.' })
  await record('cash_day', 'SPB-01', {
    id: 'd6',
    day: '2026-12-06',
    status: 'closed',
    closed_at: '2026-12-06T15:00:00.000Z',
    closed_by: 'k9',
    report: {
      day: '2026-12-06',
      openingCashKopecks: 0,
      branch: {
        receivedKopecks: { cash: 7_000, card: 0, bank: 0 },
        refundedKopecks: { cash: 0, card: 0, bank: 0 },
        receivedTotalKopecks: 7_000,
        refundedTotalKopecks: 0,
        cashNetKopecks: 7_000,
        payments: 1,
      },
      clerks: [],
      byPurpose: { casco_premium: { inKopecks: 7_000, outKopecks: 0 } },
      closingCashKopecks: 7_000,
    },
  })
  // Blanks: MSK-01 ten received 30.11, one used 02.12, one spoiled 03.12; SPB-01 five received 02.12.
  for (let i = 1; i <= 10; i++)
    await record('policy_blank', 'MSK-01', {
      id: `m${i}`,
      series: 'ААК',
      number: n(i),
      status: i === 1 ? 'used' : i === 2 ? 'spoiled' : 'available',
      received_at: '2026-11-30T07:00:00.000Z',
      used_at: i === 1 ? '2026-12-02T07:00:00.000Z' : null,
      spoiled_at: i === 2 ? '2026-12-03T07:00:00.000Z' : null,
      spoiled_reason: i === 2 ? 'порван' : null,
    })
  for (let i = 11; i <= 15; i++)
    await record('policy_blank', 'SPB-01', {
      id: `s${i}`,
      series: 'ААК',
      number: n(i),
      status: 'available',
      received_at: '2026-12-02T07:00:00.000Z',
      used_at: null,
      spoiled_at: null,
    })
}

const get = (path: string, token: string | null = ADMIN) =>
  fetch(`${hq.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

describe.each(['sqlite', 'postgres'] as const)('HQ admin reports on %s', (database) => {
  beforeAll(() => seed(database), 60_000)
  afterAll(() => hq.close())

  it('answers only the admin token: none, a device’s or a wrong one is refused', async () => {
    expect((await get('/v1/admin/reports/cash?day=2026-12-06', null)).status).toBe(401)
    expect((await get('/v1/admin/reports/cash?day=2026-12-06', deviceToken)).status).toBe(401)
    expect((await get('/v1/admin/reports/cash?day=2026-12-06', `${ADMIN}x`)).status).toBe(401)
    expect((await get('/v1/admin/reports/cash?day=2026-12-06')).status).toBe(200)
    expect(sameToken(ADMIN, ADMIN)).toBe(true)
    expect(sameToken('', ADMIN)).toBe(false)
  })

  it('the day’s cash across branches: open days computed from payments, closed days as frozen', async () => {
    const res = await get('/v1/admin/reports/cash?day=2026-12-06')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const report = (await res.json()) as Report
    expect(report.lines).toContain('Филиал: все филиалы')
    const byBranch = report.tables[0]!
    expect(
      byBranch.rows.map((r) => [r.branch, r.opening, r.in_cash, r.in_card, r.out_cash, r.closing, r.state]),
    ).toEqual([
      ['MSK-01', 100_000, 12_345, 5_000, 2_000, 110_345, 'не закрыт'],
      ['SPB-01', 0, 7_000, 0, 0, 7_000, 'закрыт 06.12.2026 18:00'],
    ])
    expect(byBranch.totals).toMatchObject({ branch: 'Итого', closing: 117_345, inTotal: 24_345 })

    const one = (await (await get('/v1/admin/reports/cash?day=2026-12-06&branch=spb-01')).json()) as Report
    expect(one.lines).toContain('День закрыт: 06.12.2026 18:00, Смирнова С. С.')
    expect(one.tables[0]!.totals).toEqual({ item: 'Остаток на конец дня', amount: 7_000 })
    expect((await get('/v1/admin/reports/cash?day=2026-12-06&branch=NOPE-01')).status).toBe(404)
    expect((await get('/v1/admin/reports/cash?day=06.12.2026')).status).toBe(400)
  })

  it('XLSX and CSV by the branch’s writers', async () => {
    const xlsx = await get('/v1/admin/reports/cash?day=2026-12-06&format=xlsx')
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="cash-report-all-2026-12-06.xlsx"')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    const ws = wb.getWorksheet('По филиалам')!
    expect(ws.getCell('A7').value).toBe('MSK-01')
    expect(ws.getCell('B7').value).toBe(1000)
    expect(ws.getCell('B7').numFmt).toBe('#,##0.00 "₽"')

    const bytes = Buffer.from(
      await (await get('/v1/admin/reports/blanks?from=2026-12-01&to=2026-12-06&format=csv')).arrayBuffer(),
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = bytes.toString('utf8')
    expect(csv).toContain(`MSK-01;ААК;10;0;;1;1;1;0;8;${n(3)}–${n(10)}\r\n`)
    expect(csv).toContain(`SPB-01;ААК;0;5;${n(11)}–${n(15)};0;0;0;0;5;${n(11)}–${n(15)}\r\n`)
    expect(csv).toContain(`MSK-01;03.12.2026;ААК;${n(2)};испорчен;порван\r\n`)
    expect((await get('/v1/admin/reports/blanks?from=2026-12-06&to=2026-12-01')).status).toBe(400)
  })

  it('the admin command writes the same report to a file or to standard output', async () => {
    const out = join(dir, 'blanks.xlsx')
    const message = await reportCommand(
      hq.db,
      'blanks',
      { from: '2026-12-01', to: '2026-12-06', branch: 'MSK-01', out },
      new Date('2026-12-06T12:00:00Z'),
    )
    expect(message).toMatch(/blanks\.xlsx \(\d+ bytes\)\.$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as never)
    expect(wb.getWorksheet('Движение бланков')!.getCell('A7').value).toBe('ААК')
    const chunks: Uint8Array[] = []
    await reportCommand(hq.db, 'cash', { day: '2026-12-06', format: 'csv' }, new Date(), (b) => chunks.push(b))
    expect(Buffer.concat(chunks).toString('utf8')).toContain(
      'MSK-01;1000,00;123,45;50,00;0,00;173,45;20,00;0,00;0,00;20,00;3;1103,45;не закрыт',
    )
    await expect(reportCommand(hq.db, 'cash', { format: 'xlsx' }, new Date())).rejects.toThrow(/needs --out/)
    await expect(reportCommand(hq.db, 'cash', { day: 'x' }, new Date())).rejects.toThrow(/--day YYYY-MM-DD/)
  })

  it('reads the records by the report indexes, not by the whole entity', async () => {
    if (database === 'postgres') {
      // A handful of rows is read by a scan whatever the indexes; here, that the migration made them on PostgreSQL.
      const { rows } = (await hq.db.raw(
        "select indexname from pg_indexes where tablename = 'hq_record' and indexname in ('hq_record_payment_day_idx', 'hq_record_cash_day_idx', 'hq_record_blank_status_idx', 'hq_record_blank_moved_idx') order by 1",
      )) as { rows: Array<{ indexname: string }> }
      expect(rows.map((r) => r.indexname)).toEqual([
        'hq_record_blank_moved_idx',
        'hq_record_blank_status_idx',
        'hq_record_cash_day_idx',
        'hq_record_payment_day_idx',
      ])
      return
    }
    const plan = async (sql: string, bindings: unknown[]) =>
      ((await hq.db.raw(`explain query plan ${sql}`, bindings as never)) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ')
    expect(
      await plan(
        `select data from hq_record where entity = 'payment' and branch_code = ? and ${reportField('sqlite', 'business_day')} = ?`,
        ['MSK-01', '2026-12-06'],
      ),
    ).toMatch(/USING INDEX hq_record_payment_day_idx/)
    expect(
      await plan(
        `select data from hq_record where entity = 'policy_blank' and ${reportField('sqlite', 'status')} <> 'available' and ${lastMove('sqlite')} >= ?`,
        ['2026-11-30'],
      ),
    ).toMatch(/USING INDEX hq_record_blank_moved_idx/)
  })
})

describe('HQ without an admin token', () => {
  it('closes the admin endpoints to everyone', async () => {
    const closed = await startHq()
    try {
      const res = await fetch(`${closed.url}/v1/admin/reports/cash?day=2026-12-06`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      })
      expect(res.status).toBe(403)
    } finally {
      await closed.close()
    }
  })
})

describe('HQ migration 20261206000003_hq_report_indexes', () => {
  it('adds the report indexes and takes them away again', async () => {
    const db = await openHqDatabase({ client: 'sqlite', file: join(dir, 'migration.sqlite') })
    try {
      const names = async () =>
        (
          (await db.raw(
            "select name from sqlite_master where type = 'index' and name in ('hq_record_payment_day_idx', 'hq_record_cash_day_idx', 'hq_record_blank_status_idx', 'hq_record_blank_moved_idx') order by name",
          )) as Array<{ name: string }>
        ).map((r) => r.name)
      expect(await names()).toHaveLength(4)
      await reportIndexes.down(db)
      expect(await names()).toEqual([])
      await reportIndexes.up(db)
      expect(await names()).toHaveLength(4)
    } finally {
      await db.destroy()
    }
  })
})
