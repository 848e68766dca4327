import type { DocumentRegistry } from '../documents'
import { buildInspectionReport, inspectionReportFileName } from './inspectionReport'
import { loadInspectionPrintData, type InspectionPrintData, type InspectionPrintDeps } from './inspectionPrintData'
import { INSPECTION_PRINTERS } from '../../../shared/staff/roleGroups'

/**
 * The inspector prints the report for the client to sign; the supervisor reads it at approval; the clerk hands
 * a submitted one to the client with the contract. Which inspection each of them may have is checked on load.
 */
export const INSPECTION_PRINT_ROLES = INSPECTION_PRINTERS

export function registerInspectionReport(registry: DocumentRegistry, deps: InspectionPrintDeps): void {
  registry.register<InspectionPrintData>('inspection-report', {
    roles: INSPECTION_PRINT_ROLES,
    load: (id, { handler }) => loadInspectionPrintData(id, handler, deps),
    build: (d) => buildInspectionReport(d),
    fileName: inspectionReportFileName,
    auditEntity: (d) => ({ entity: 'inspection', entityId: d.inspection.id }),
  })
}
