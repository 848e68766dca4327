import { sectionRoutes } from '../../navigation'

/** «Отчёты» (issue 16): the blank report for a period. */
export const reportsRoutes = sectionRoutes('reports', () => import('./BlankReportView.vue'))
