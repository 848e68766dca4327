import { isCalendarDate } from '../../shared/dates/calendarDate'
import { JOURNAL_READERS } from '../../shared/payments/roles'
import { periodInput } from '../../shared/reports/contract'
import type { Report } from '../../shared/reports/export/table'
import { REPORT_READERS } from '../../shared/reports/roles'
import { AppError } from '../app/appError'
import type { DocumentSet, PrintableDocument } from '../print/documents'
import { reportPdfDefinition } from './export/pdf'
import { branchBlankReport, branchCashReport, type ReportDeps } from './reportData'

/**
 * The reports on paper through the print kit (preview, print, save as PDF: renderer DocumentActions). A print
 * document is named by one id: the blank report's is its period `YYYY-MM-DD..YYYY-MM-DD`, the cash report's its day
 * (`YYYY-MM-DD`, or `YYYY-MM-DD:<clerk id>` for one clerk's part).
 */
export function blankReportId(from: string, to: string): string {
  return `${from}..${to}`
}

function parsePeriod(id: string | undefined): { from: string; to: string } {
  const [from, to] = (id ?? '').split('..')
  const period = periodInput.safeParse({ from, to })
  if (!period.success) throw new AppError('NOT_FOUND', 'print.errors.documentUnavailable')
  return period.data
}

function parseDay(id: string | undefined): { day: string; clerkId: string | undefined } {
  const [day = '', clerkId] = (id ?? '').split(':')
  if (!isCalendarDate(day)) throw new AppError('NOT_FOUND', 'print.errors.documentUnavailable')
  return { day, clerkId: clerkId || undefined }
}

const paper = (load: PrintableDocument<Report>['load'], roles: PrintableDocument<Report>['roles']) =>
  ({
    roles,
    load,
    build: (report) => reportPdfDefinition(report),
    fileName: (report) => `${report.fileStem}.pdf`,
    auditEntity: () => ({ entity: null, entityId: null }),
  }) satisfies PrintableDocument<Report>

export function reportDocuments(deps: ReportDeps): DocumentSet {
  return {
    'blank-report': paper((id, ctx) => branchBlankReport(deps, parsePeriod(id), ctx.handler.now), REPORT_READERS),
    'cash-report': paper((id, ctx) => {
      const { day, clerkId } = parseDay(id)
      return branchCashReport(deps, day, clerkId, ctx.handler.now)
    }, JOURNAL_READERS),
  }
}
