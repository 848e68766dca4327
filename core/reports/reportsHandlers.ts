import { write } from '../db/write'
import type { FileDialogs } from '../files/fileDialogs'
import type { HandlersOf } from '../ipc/handlers'
import { saveReport } from './export/saveReport'
import { branchBlankReport, branchCashReport, type ReportDeps } from './reportData'

type ReportsChannels = 'reports/blank-report' | 'reports/blank-report-export' | 'reports/cash-report-export'

/** The blank report on screen and both reports saved as XLSX or CSV (printing: core/reports/reportDocuments.ts). */
export function reportsHandlers(deps: ReportDeps & { files: FileDialogs }): HandlersOf<ReportsChannels> {
  return {
    'reports/blank-report': async (input, ctx) => branchBlankReport(deps, input, ctx.now),
    'reports/blank-report-export': async (input, ctx) => {
      const report = await branchBlankReport(deps, input, ctx.now)
      const saved = await saveReport(deps.files, report, input.format, ctx.locale)
      if (saved.savedTo)
        await write(deps.db, ctx.actor, 'reports.exported', ctx.now, (w) =>
          w.audit('reports.exported', null, null, null, {
            report: 'blank-report',
            from: input.from,
            to: input.to,
            format: input.format,
            path: saved.savedTo,
            bytes: saved.bytes,
          }),
        )
      return { savedTo: saved.savedTo }
    },
    'reports/cash-report-export': async (input, ctx) => {
      const report = await branchCashReport(deps, input.day, input.clerkId, ctx.now)
      const saved = await saveReport(deps.files, report, input.format, ctx.locale)
      if (saved.savedTo)
        await write(deps.db, ctx.actor, 'reports.exported', ctx.now, (w) =>
          w.audit('reports.exported', null, null, null, {
            report: 'cash-report',
            day: input.day,
            clerkId: input.clerkId ?? null,
            format: input.format,
            path: saved.savedTo,
            bytes: saved.bytes,
          }),
        )
      return { savedTo: saved.savedTo }
    },
  }
}
