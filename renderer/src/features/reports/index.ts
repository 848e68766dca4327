/**
 * What other features may use from reports (scripts/featureBoundaries.test.ts): the XLSX/CSV buttons of a report
 * (the cash day screen puts them beside its print button: `:save="(f) => exportCashReport(day, f)"`).
 */
export { default as ReportFileButtons } from './ReportFileButtons.vue'
export { exportCashReport } from './useReports'
