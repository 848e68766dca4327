import type { DocumentSet, PrintableDocument } from '../../print/documents'
import { buildInspectionReport, inspectionReportFileName } from './inspectionReport'
import { loadInspectionPrintData, type InspectionPrintData, type InspectionPrintDeps } from './inspectionPrintData'
import { INSPECTION_PRINTERS } from '../../../shared/staff/roleGroups'

/**
 * The inspector prints the report for the client to sign; the supervisor reads it at approval; the clerk hands
 * a submitted one to the client with the contract. Which inspection each of them may have is checked on load.
 */
export const INSPECTION_PRINT_ROLES = INSPECTION_PRINTERS

/** The inspection report (core/inspection/app.ts registers it). */
export function inspectionDocuments(deps: InspectionPrintDeps): DocumentSet {
  const report: PrintableDocument<InspectionPrintData> = {
    roles: INSPECTION_PRINT_ROLES,
    load: (id, { handler }) => loadInspectionPrintData(id, handler, deps),
    build: (d) => buildInspectionReport(d),
    fileName: inspectionReportFileName,
    auditEntity: (d) => ({ entity: 'inspection', entityId: d.inspection.id }),
  }
  return { 'inspection-report': report }
}
