import type { DocumentSet, PrintableDocument } from './documents'
import { buildCalibrationPage, calibrationFileName, type CalibrationData } from './calibration'
import { blankLayoutOn, type BlankLayoutFile } from './osago/blankLayout'
import { AppError } from '../app/appError'
import { todayIn } from '../../shared/dates/calendarDate'
import { OFFICE } from '../../shared/staff/roleGroups'

/**
 * The print kit's own document, the calibration page (core/print/app.ts registers it). Whoever prints onto blanks
 * may print it: it carries no client data.
 */
export function printDocuments(deps: { layouts: readonly BlankLayoutFile[]; timeZone: string }): DocumentSet {
  const calibration: PrintableDocument<CalibrationData> = {
    roles: OFFICE,
    async load(_id, { handler, printerName }) {
      const today = todayIn(deps.timeZone, handler.now)
      const layout = blankLayoutOn(deps.layouts, today)
      if (!layout) throw new AppError('REFERENCE_DATA', 'print.errors.noLayout', { date: today })
      return { layout, printerName }
    },
    build: (data, { offset }) => buildCalibrationPage(data, offset),
    fileName: calibrationFileName,
    auditEntity: () => ({ entity: null, entityId: null }),
  }
  return { 'print-calibration': calibration }
}
