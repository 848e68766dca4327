import { addDays } from '../../shared/dates/calendarDate'
import { blankReport, blankReportData } from '../../shared/reports/blankReport'
import { cashReportDocument } from '../../shared/reports/cashReportTable'
import type { Report } from '../../shared/reports/export/table'
import { blankMovesBetween } from '../blanks/api'
import type { Db } from '../db/openDatabase'
import { cashReportFor } from '../payments/api'

export interface ReportDeps {
  db: Db
  timeZone: string
}

/** The branch as its reports name it: the code (the file name too) and the name on paper. */
async function branchOf(db: Db): Promise<{ code: string; scope: string }> {
  // The branch row is the device's own (first run); every feature reads it so (core/backup, core/client/print).
  const row = (await db('branch').first('code', 'name')) as { code: string; name: string } | undefined
  if (!row) return { code: 'branch', scope: '—' }
  return { code: row.code, scope: `${row.code}, ${row.name}` }
}

/** The branch's blank report for a period (shared/reports/blankReport.ts) over core/blanks' period query. */
export async function branchBlankReport(
  deps: ReportDeps,
  period: { from: string; to: string },
  now: Date,
): Promise<Report> {
  // A day wider on each side than any zone's day, as instants; the report puts each move on its branch day.
  const blanks = await blankMovesBetween(deps.db, {
    fromInstant: `${addDays(period.from, -1)}T00:00:00.000Z`,
    toInstant: `${addDays(period.to, 2)}T00:00:00.000Z`,
  })
  const branch = await branchOf(deps.db)
  const data = blankReportData(blanks, period, deps.timeZone)
  return blankReport([{ branch: branch.code, data }], period, {
    at: now.toISOString(),
    timeZone: deps.timeZone,
    scope: branch.scope,
    fileScope: branch.code,
  })
}

interface ClosedDay {
  status: string
  closed_at: string | null
  closed_by_name: string | null
}

/**
 * The day's cash report (core/payments/api.ts `cashReportFor`, the journal's figures) as a report. Whether the day
 * is closed, and by whom, is read from its cash_day row: the journal's API answers the figures only.
 */
export async function branchCashReport(
  deps: ReportDeps,
  day: string,
  clerkId: string | undefined,
  now: Date,
): Promise<Report> {
  const report = await cashReportFor(deps.db, day, clerkId)
  const row = (await deps
    .db('cash_day as d')
    .leftJoin('staff as s', 's.id', 'd.closed_by')
    .where('d.day', day)
    .first('d.status', 'd.closed_at', 's.full_name as closed_by_name')) as ClosedDay | undefined
  const closed = row?.status === 'closed' && row.closed_at ? { at: row.closed_at, by: row.closed_by_name ?? '' } : null
  const branch = await branchOf(deps.db)
  const clerk = clerkId ? report.clerks[0]?.clerkName : undefined
  return cashReportDocument(day, [{ branch: branch.code, report, closed }], {
    at: now.toISOString(),
    timeZone: deps.timeZone,
    scope: branch.scope,
    fileScope: branch.code,
    ...(clerk ? { clerk } : {}),
  })
}
