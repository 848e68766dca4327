import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { write, type Actor } from '../db/write'
import { ScriptedFileDialogs } from '../files/fileDialogs'
import { RecordingPrintPlatform } from '../print/recordingPlatform'
import { keepPdf, pdfText, pdfToPng } from '../print/testing/pdfTools'
import { previewPdf } from '../print/testing/previewPdf'
import { assignBlank, blankMovesBetween } from '../blanks/api'
import { recordPayment } from '../payments/api'
import { ADMIN, call, expectOk, makeTestCore, setupBranch, signInAs } from '../testing/testCore'
import type { Knex } from 'knex'

/**
 * The blank report through the real channels: blanks received, used, spoiled on their branch days, the report on
 * screen, saved as XLSX and CSV through the save dialog, printed through the print kit; the period query's plan.
 */
let t: Awaited<ReturnType<typeof makeTestCore>>
let dialogs: ScriptedFileDialogs
let out: string
beforeEach(async () => {
  dialogs = new ScriptedFileDialogs()
  out = mkdtempSync(join(tmpdir(), 'bd-reports-'))
  t = await makeTestCore({ files: dialogs, print: new RecordingPrintPlatform({ saveDir: out }) })
  t.clock.set(new Date('2026-11-30T07:00:00Z'))
  await setupBranch(t.core)
  await signInAs(t.core, 'admin', 'a')
  await signInAs(t.core, 'supervisor', 's')
  await signInAs(t.core, 'clerk', 'c')
  // Three sign-ins hash passwords (scrypt): slow on a loaded machine.
}, 30_000)
afterEach(async () => {
  await t.dispose()
  rmSync(out, { recursive: true, force: true })
})

const n = (i: number) => String(i).padStart(10, '0')

async function actor(): Promise<Actor> {
  const admin = (await t.core.db('staff').where({ login: 'admin' }).first()) as { id: string }
  return { userId: admin.id, login: 'admin' }
}
async function idOf(number: string): Promise<string> {
  return ((await t.core.db('policy_blank').where({ series: 'ААК', number }).first()) as { id: string }).id
}
const issue = async (number: string) => {
  const blankId = await idOf(number)
  return write(t.core.db, await actor(), 'osago.issued', t.clock.now(), (w) =>
    assignBlank(w, { policyId: `p-${number}`, blankId }),
  )
}

/** The clock moves on; everyone signs in again (a jump of hours locks an idle session). */
async function at(instant: string) {
  t.clock.set(new Date(instant))
  await expectOk(call(t.core, 'session/sign-in', { login: ADMIN.login, password: ADMIN.password }, 'a'))
  await expectOk(call(t.core, 'session/sign-in', { login: 'supervisor1', password: 'Own12345' }, 's'))
  await expectOk(call(t.core, 'session/sign-in', { login: 'clerk1', password: 'Own12345' }, 'c'))
}

/** 30.11: ten received, one issued; 01.12 00:30 Moscow: one issued; 02.12: one spoiled from stock, five more received. */
async function aWeekOfBlanks() {
  await expectOk(call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: n(1), toNumber: n(10) }, 'a'))
  await issue(n(1))
  await at('2026-11-30T21:30:00Z')
  await issue(n(2))
  await at('2026-12-02T08:00:00Z')
  await expectOk(call(t.core, 'blanks/spoil-blank', { blankId: await idOf(n(3)), reason: 'Замят принтером' }, 'a'))
  await expectOk(call(t.core, 'blanks/receive-range', { series: 'ААК', fromNumber: n(11), toNumber: n(15) }, 'a'))
  await at('2026-12-06T09:00:00Z')
}

describe('blank report', () => {
  it('counts the period on the branch’s days, with ranges, and only seniors may read it', async () => {
    await aWeekOfBlanks()
    const report = await expectOk(call(t.core, 'reports/blank-report', { from: '2026-12-01', to: '2026-12-06' }, 's'))
    const [summary, writeOffs] = report.tables
    expect(summary!.rows).toEqual([
      expect.objectContaining({
        series: 'ААК',
        onHandStart: 9,
        received: 5,
        receivedRanges: `${n(11)}–${n(15)}`,
        issued: 1,
        spoiled: 1,
        spoiledFromStock: 1,
        lost: 0,
        onHandEnd: 12,
        onHandEndRanges: `${n(4)}–${n(15)}`,
      }),
    ])
    expect(writeOffs!.rows).toEqual([
      expect.objectContaining({ day: '2026-12-02', number: n(3), what: 'испорчен', reason: 'Замят принтером' }),
    ])
    const refused = await call(t.core, 'reports/blank-report', { from: '2026-12-01', to: '2026-12-06' }, 'c')
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN')
    const backwards = await call(t.core, 'reports/blank-report', { from: '2026-12-06', to: '2026-12-01' }, 's')
    expect(backwards.ok ? null : backwards.error.fieldErrors).toEqual({ to: 'reports.errors.periodOrder' })
  })

  it('saves XLSX and CSV where the dialog says, the same figures, and audits the export', async () => {
    await aWeekOfBlanks()
    const xlsxPath = join(out, 'r.xlsx')
    const csvPath = join(out, 'r.csv')
    dialogs.answer(xlsxPath, csvPath, null)
    const period = { from: '2026-12-01', to: '2026-12-06' }
    expect(await expectOk(call(t.core, 'reports/blank-report-export', { ...period, format: 'xlsx' }, 's'))).toEqual({
      savedTo: xlsxPath,
    })
    expect(await expectOk(call(t.core, 'reports/blank-report-export', { ...period, format: 'csv' }, 's'))).toEqual({
      savedTo: csvPath,
    })
    expect(await expectOk(call(t.core, 'reports/blank-report-export', { ...period, format: 'csv' }, 's'))).toEqual({
      savedTo: null,
    })
    expect(dialogs.asked.map((a) => (a.dialog === 'save' ? [a.suggestedName, a.kind.extensions] : null))).toEqual([
      ['blank-report-MSK-01-2026-12-01-2026-12-06.xlsx', ['xlsx']],
      ['blank-report-MSK-01-2026-12-01-2026-12-06.csv', ['csv']],
      ['blank-report-MSK-01-2026-12-01-2026-12-06.csv', ['csv']],
    ])

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(xlsxPath) as never)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(6).values as unknown[]).slice(1)
    expect(header.slice(0, 4)).toEqual(['Серия', 'Остаток на начало', 'Получено', 'Полученные номера'])
    expect((ws.getRow(7).values as unknown[]).slice(1, 4)).toEqual(['ААК', 9, 5])
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 })

    const csv = readFileSync(csvPath, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain(`ААК;9;5;${n(11)}–${n(15)};1;1;1;0;12;${n(4)}–${n(15)}\r\n`)
    expect(csv).toContain(`02.12.2026;ААК;${n(3)};испорчен;Замят принтером\r\n`)

    const audits = (await t.core.db('audit_log').where({ action: 'reports.exported' })) as unknown[]
    expect(audits).toHaveLength(2)
  })

  it('prints through the print kit: the figures and the write-off list in the PDF', async () => {
    await aWeekOfBlanks()
    const preview = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'blank-report', id: '2026-12-01..2026-12-06' }, 's'),
    )
    const pdf = await previewPdf(t.dir, preview)
    const path = keepPdf('blank-report', pdf)
    pdfToPng(path, 'blank-report')
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Отчёт о движении бланков строгой отчётности')
    expect(text).toContain('Период: 01.12.2026 — 06.12.2026')
    expect(text).toContain(`${n(4)}–${n(15)}`)
    expect(text).toContain('Замят принтером')
    const clerk = await call(
      t.core,
      'print/preview-document',
      { kind: 'blank-report', id: '2026-12-01..2026-12-06' },
      'c',
    )
    expect(clerk.ok ? null : clerk.error.code).toBe('FORBIDDEN')
    const bad = await call(t.core, 'print/preview-document', { kind: 'blank-report', id: 'x' }, 's')
    expect(bad.ok ? null : bad.error.code).toBe('NOT_FOUND')
  })

  it('the period query reads indexes only: stock by status, the rest by their last move', async () => {
    await aWeekOfBlanks()
    const statements: Array<{ sql: string; bindings: readonly unknown[] }> = []
    const listen = (q: { sql: string; bindings: readonly unknown[] }) => statements.push(q)
    t.core.db.on('query', listen)
    const rows = await blankMovesBetween(t.core.db, {
      fromInstant: '2026-11-30T00:00:00.000Z',
      toInstant: '2026-12-08T00:00:00.000Z',
    })
    t.core.db.off('query', listen)
    expect(rows.map((r) => r.number).sort()).toEqual([...Array.from({ length: 15 }, (_, i) => n(i + 1))])
    expect(statements).toHaveLength(1)
    const s = statements[0]!
    const plan = (
      (await t.core.db.raw(`EXPLAIN QUERY PLAN ${s.sql}`, s.bindings as Knex.RawBinding[])) as Array<{ detail: string }>
    ).map((r) => r.detail)
    expect(plan.join('; ')).toMatch(/SEARCH policy_blank USING INDEX policy_blank_status_idx \(status=\?\)/)
    expect(plan.join('; ')).toMatch(/SEARCH policy_blank USING INDEX policy_blank_moved_idx \(<expr>>\?\)/)
    expect(plan.filter((l) => /^SCAN policy_blank/.test(l))).toEqual([])
  })
})

describe('cash report export', () => {
  async function pay(p: {
    direction: 'in' | 'out'
    purpose: 'osago_premium' | 'termination_refund'
    method: 'cash' | 'card'
    amountKopecks: number
    login: string
  }) {
    const staff = (await t.core.db('staff').where({ login: p.login }).first()) as { id: string; full_name: string }
    await write(t.core.db, { userId: staff.id, login: p.login }, 'test.paid', t.clock.now(), (w) =>
      recordPayment(w, {
        direction: p.direction,
        purpose: p.purpose,
        recordType: 'osago_policy',
        recordId: `r-${p.amountKopecks}`,
        amountKopecks: p.amountKopecks,
        method: p.method,
        receipt: { number: 'Ч-000001', fiscal: null },
        clerk: { id: staff.id, name: staff.full_name },
        paidAt: t.clock.now().toISOString(),
        timeZone: 'Europe/Moscow',
      }),
    )
  }

  it('prints and saves the day’s report: the till, methods, clerks; the clerk may export it too', async () => {
    await at('2026-12-06T08:00:00Z')
    await pay({ direction: 'in', purpose: 'osago_premium', method: 'cash', amountKopecks: 1_234_567, login: 'clerk1' })
    await pay({ direction: 'in', purpose: 'osago_premium', method: 'card', amountKopecks: 500_000, login: 'clerk1' })
    await pay({
      direction: 'out',
      purpose: 'termination_refund',
      method: 'cash',
      amountKopecks: 100_050,
      login: 'supervisor1',
    })
    const csvPath = join(out, 'cash.csv')
    const xlsxPath = join(out, 'cash.xlsx')
    dialogs.answer(csvPath, xlsxPath)
    await expectOk(call(t.core, 'reports/cash-report-export', { day: '2026-12-06', format: 'csv' }, 'c'))
    await expectOk(call(t.core, 'reports/cash-report-export', { day: '2026-12-06', format: 'xlsx' }, 's'))
    const csv = readFileSync(csvPath, 'utf8')
    expect(csv).toContain('Остаток на начало дня;0,00\r\n')
    expect(csv).toContain('Принято наличными;12345,67\r\n')
    expect(csv).toContain('Выдано наличными;1000,50\r\n')
    expect(csv).toContain('Остаток на конец дня (день не закрыт);11345,17\r\n')
    expect(csv).toContain('День не закрыт: отчёт предварительный')

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(xlsxPath) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Наличные в кассе',
      'По способам оплаты',
      'По кассирам',
      'По назначению платежа',
    ])
    const till = wb.getWorksheet('Наличные в кассе')!
    const closing = till.getRow(till.rowCount)
    expect([closing.getCell(1).value, closing.getCell(2).value, closing.getCell(2).numFmt]).toEqual([
      'Остаток на конец дня (день не закрыт)',
      11345.17,
      '#,##0.00 "₽"',
    ])

    const preview = await expectOk(
      call(t.core, 'print/preview-document', { kind: 'cash-report', id: '2026-12-06' }, 's'),
    )
    const path = keepPdf('cash-report', await previewPdf(t.dir, preview))
    pdfToPng(path, 'cash-report')
    const text = pdfText(path).replace(/\s+/g, ' ')
    expect(text).toContain('Кассовый отчёт за 06.12.2026')
    expect(text).toContain('Остаток на конец дня (день не закрыт) 11 345,17')
    expect(text).toContain('Сотрудник clerk1')
  })
})
