import type { ExportFormat } from '@shared/reports/contract'
import { call } from '../../api/client'

/** The reports' calls (issue 16): the blank report on screen, both reports saved as XLSX or CSV. */
export function loadBlankReport(from: string, to: string) {
  return call('reports/blank-report', { from, to })
}

export function exportBlankReport(from: string, to: string, format: ExportFormat) {
  return call('reports/blank-report-export', { from, to, format })
}

export function exportCashReport(day: string, format: ExportFormat, clerkId?: string) {
  return call('reports/cash-report-export', { day, format, ...(clerkId ? { clerkId } : {}) })
}
