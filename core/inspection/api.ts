/** What other parts of the core may use from core/inspection (scripts/featureBoundaries.test.ts). */
export { markInspectionReturned } from './inspectionHandlers'
export { getInspectionSummary } from './inspectionSummary'
export type { InspectionRow } from './inspectionRows'
export { openPhotoPool } from './photoPool'
// The CASCO contract carries the inspection report as its annex.
export { buildInspectionReport } from './print/inspectionReport'
export {
  loadInspectionPrintData,
  type InspectionPrintData,
  type InspectionPrintDeps,
} from './print/inspectionPrintData'
export { searchInspections } from './inspectionSearch'
