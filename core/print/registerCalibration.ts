import type { DocumentRegistry } from './documents'
import { buildCalibrationPage, calibrationFileName, type CalibrationData } from './calibration'
import { blankLayoutOn, type BlankLayoutFile } from './osago/blankLayout'
import { AppError } from '../app/appError'
import { todayIn } from '../../shared/dates/calendarDate'
import { OFFICE } from '../../shared/staff/roleGroups'

/** Whoever prints onto blanks may print the calibration page: it carries no client data. */
export function registerCalibration(
  registry: DocumentRegistry,
  deps: { layouts: readonly BlankLayoutFile[]; timeZone: string },
): void {
  registry.register<CalibrationData>('print-calibration', {
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
  })
}
