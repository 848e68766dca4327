import ExcelJS from 'exceljs'
import { addDays } from '../shared/dates/calendarDate'
import { cashReport, type CashReport, type CashReportLine } from '../shared/payments/cashReport'
import { blankReport, blankReportData, type BlankMoves, type BranchBlankReport } from '../shared/reports/blankReport'
import { cashReportDocument, type BranchCashReport } from '../shared/reports/cashReportTable'
import { csvBytes } from '../shared/reports/export/csv'
import type { Report } from '../shared/reports/export/table'
import { toXlsx } from '../shared/reports/export/xlsx'
import { isPostgres, type HqDb } from './db'
import { lastMove, reportField } from './migrations/20261206000003_hq_report_indexes'

/**
 * The branches' reports at HQ (issue 16 point 4): the daily cash report and the blank report over the records the
 * branches pushed (entities `payment`, `cash_day`, `policy_blank`), one branch or all, with the same calculations and
 * writers as the branch's own (shared/payments/cashReport.ts, shared/reports). An admin command (`npm run hq -- report
 * …`, hq/main.ts) and an admin endpoint (hq/reportsRoutes.ts) answer them.
 */

/** Branches keep Moscow time (core/app/timeZone.ts BRANCH_TIME_ZONE); HQ puts their moves on the same days. */
export const BRANCH_TIME_ZONE = 'Europe/Moscow'

export const REPORT_FORMATS = ['xlsx', 'csv', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export class UnknownBranchError extends Error {
  constructor(readonly code: string) {
    super(`unknown branch ${code}`)
  }
}

const field = (db: HqDb, name: string) => reportField(isPostgres(db) ? 'pg' : 'sqlite', name)

async function branchesOf(db: HqDb, branch: string | undefined): Promise<string[]> {
  if (branch) {
    const code = branch.toUpperCase()
    const row = (await db('hq_branch').where({ code }).first('code')) as { code: string } | undefined
    if (!row) throw new UnknownBranchError(code)
    return [code]
  }
  return ((await db('hq_branch').orderBy('code').pluck('code')) as string[]).map(String)
}

type Data = Record<string, unknown>
const parse = (rows: Array<{ data: string | Data }>): Data[] =>
  rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Data) : r.data))
const doc = <T>(v: unknown): T | null => (v == null ? null : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))

async function staffName(db: HqDb, id: unknown): Promise<string> {
  if (typeof id !== 'string') return ''
  const row = (await db('hq_record').where({ entity: 'staff', id }).first('data')) as { data: string } | undefined
  return row ? String(parse([row])[0]!.full_name ?? id) : id
}

/** One branch's day: the report frozen at closing, else computed from its payments like the branch does. */
async function branchCash(db: HqDb, branch: string, day: string): Promise<BranchCashReport> {
  const dayField = field(db, 'day')
  const cashDay = parse(
    await db('hq_record')
      .where({ entity: 'cash_day', branch_code: branch })
      .whereRaw(`${dayField} = ?`, [day])
      .select('data'),
  )[0]
  const frozen = cashDay?.status === 'closed' ? doc<CashReport>(cashDay.report) : null
  if (frozen && cashDay) {
    return {
      branch,
      report: frozen,
      closed: { at: String(cashDay.closed_at), by: await staffName(db, cashDay.closed_by) },
    }
  }
  const previous = parse(
    await db('hq_record')
      .where({ entity: 'cash_day', branch_code: branch })
      .whereRaw(`${dayField} < ?`, [day])
      .whereRaw(`${field(db, 'status')} = 'closed'`)
      .orderByRaw(`${dayField} desc`)
      .limit(1)
      .select('data'),
  )[0]
  const opening = doc<CashReport>(previous?.report)?.closingCashKopecks ?? 0
  const payments = parse(
    await db('hq_record')
      .where({ entity: 'payment', branch_code: branch })
      .whereRaw(`${field(db, 'business_day')} = ?`, [day])
      .select('data'),
  )
  const lines: CashReportLine[] = payments
    .sort((a, b) => String(a.paid_at).localeCompare(String(b.paid_at)))
    .map((p) => ({
      direction: p.direction as CashReportLine['direction'],
      purpose: p.purpose as CashReportLine['purpose'],
      method: p.method as CashReportLine['method'],
      amountKopecks: Number(p.amount_kopecks),
      clerkId: String(p.clerk_id),
      clerkName: String(p.clerk_name ?? ''),
      reversesId: (p.reverses_id as string | null | undefined) ?? null,
    }))
  return { branch, report: cashReport(day, opening, lines), closed: null }
}

export async function hqCashReport(db: HqDb, q: { day: string; branch?: string }, now: Date): Promise<Report> {
  const branches = await branchesOf(db, q.branch)
  const reports: BranchCashReport[] = []
  for (const b of branches) reports.push(await branchCash(db, b, q.day))
  return cashReportDocument(q.day, reports, {
    at: now.toISOString(),
    timeZone: BRANCH_TIME_ZONE,
    scope: q.branch ? branches[0]! : 'все филиалы',
    fileScope: q.branch ? branches[0]! : 'all',
    byBranch: !q.branch,
  })
}

export async function hqBlankReport(
  db: HqDb,
  q: { from: string; to: string; branch?: string },
  now: Date,
): Promise<Report> {
  const branches = await branchesOf(db, q.branch)
  // A day wider on each side than the branches' days, as instants; the report puts each move on its branch day.
  const fromInstant = `${addDays(q.from, -1)}T00:00:00.000Z`
  const toInstant = `${addDays(q.to, 2)}T00:00:00.000Z`
  const client = isPostgres(db) ? 'pg' : 'sqlite'
  const status = field(db, 'status')
  const scoped = () => {
    const query = db('hq_record').where({ entity: 'policy_blank' })
    if (q.branch) query.andWhere({ branch_code: branches[0] })
    return query.whereRaw(`${field(db, 'received_at')} < ?`, [toInstant]).select('branch_code', 'data')
  }
  const rows = [
    ...((await scoped().whereRaw(`${status} = 'available'`)) as Array<{ branch_code: string; data: string }>),
    ...((await scoped()
      .whereRaw(`${status} <> 'available'`)
      .whereRaw(`${lastMove(client)} >= ?`, [fromInstant])) as Array<{ branch_code: string; data: string }>),
  ]
  const byBranch = new Map<string, BlankMoves[]>(branches.map((b) => [b, []]))
  for (const r of rows) byBranch.get(r.branch_code)?.push(parse([r])[0] as unknown as BlankMoves)
  const data: BranchBlankReport[] = branches.map((branch) => ({
    branch,
    data: blankReportData(byBranch.get(branch)!, q, BRANCH_TIME_ZONE),
  }))
  return blankReport(data, q, {
    at: now.toISOString(),
    timeZone: BRANCH_TIME_ZONE,
    scope: q.branch ? branches[0]! : 'все филиалы',
    fileScope: q.branch ? branches[0]! : 'all',
    byBranch: !q.branch,
  })
}

/** The report as a file: XLSX and CSV by the branch's writers; JSON is the report model itself, for machines. */
export async function reportFile(
  report: Report,
  format: ReportFormat,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  const fileName = `${report.fileStem}.${format}`
  if (format === 'xlsx')
    return {
      bytes: await toXlsx(report, ExcelJS),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName,
    }
  if (format === 'csv') return { bytes: csvBytes(report), contentType: 'text/csv; charset=utf-8', fileName }
  return {
    bytes: new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`),
    contentType: 'application/json; charset=utf-8',
    fileName,
  }
}
