import { AppError } from '../../app/appError'
import type { DocumentSet, PrintableDocument } from '../../print/documents'
import { buildTerminationApplication, terminationApplicationFileName } from './applicationDocument'
import { buildRefundSheet, refundSheetFileName } from './refundSheet'
import { loadTerminationPrintData, type TerminationPrintData, type TerminationPrintDeps } from './terminationPrintData'
import { DESK } from '../../../shared/staff/roleGroups'

/** Who takes applications at the counter prints them (the termination contract's desk roles). */
export const TERMINATION_PRINT_ROLES = DESK

const audit = (d: TerminationPrintData) => ({ entity: 'termination_application', entityId: d.application.id })

/** Registers the application (two copies) and the refund calculation sheet. */
/** The application and the refund sheet (core/termination/app.ts registers them). */
export function terminationDocuments(deps: TerminationPrintDeps): DocumentSet {
  const application: PrintableDocument<TerminationPrintData> = {
    roles: TERMINATION_PRINT_ROLES,
    // The incoming number exists from receipt on, so the application prints in every status.
    load: (id) => loadTerminationPrintData(id, deps),
    build: (d) => buildTerminationApplication(d),
    fileName: terminationApplicationFileName,
    auditEntity: audit,
  }
  const sheet: PrintableDocument<TerminationPrintData> = {
    roles: TERMINATION_PRINT_ROLES,
    async load(id) {
      const d = await loadTerminationPrintData(id, deps)
      if (!d.application.calculation) throw new AppError('CONFLICT', 'termination.problem.notCalculated')
      return d
    },
    build: (d) => buildRefundSheet(d),
    fileName: refundSheetFileName,
    auditEntity: audit,
  }
  return { 'termination-application': application, 'termination-refund-sheet': sheet }
}
