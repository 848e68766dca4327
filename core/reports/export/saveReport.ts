import { writeFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { ExportFormat, SavedReport } from '../../../shared/reports/contract'
import { csvBytes } from '../../../shared/reports/export/csv'
import type { Report } from '../../../shared/reports/export/table'
import { toXlsx } from '../../../shared/reports/export/xlsx'
import { translate } from '../../../shared/i18n/messages'
import type { Locale } from '../../../shared/app/contract'
import { AppError } from '../../app/appError'
import type { FileDialogs } from '../../files/fileDialogs'

/** The report's bytes in the chosen format (the same writers as HQ's, shared/reports/export). */
export function reportBytes(report: Report, format: ExportFormat): Promise<Uint8Array> {
  return format === 'xlsx' ? toXlsx(report, ExcelJS) : Promise.resolve(csvBytes(report))
}

/**
 * Saves a report where the user chooses in the shell's save dialog (core/files: the page never names a path).
 * Null when the user cancelled.
 */
export async function saveReport(
  files: FileDialogs,
  report: Report,
  format: ExportFormat,
  locale: Locale,
): Promise<SavedReport & { bytes: number }> {
  const path = await files.chooseSavePath(`${report.fileStem}.${format}`, {
    name: translate(locale, `reports.fileKind.${format}`),
    extensions: [format],
  })
  if (!path) return { savedTo: null, bytes: 0 }
  const bytes = await reportBytes(report, format)
  try {
    await writeFile(path, bytes)
  } catch {
    throw new AppError('CONFLICT', 'reports.errors.writeFailed', { path })
  }
  return { savedTo: path, bytes: bytes.length }
}
