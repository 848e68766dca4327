import { sectionRoutes } from '../../navigation'

/** The inspection list and one inspection report. */
export const inspectionRoutes = sectionRoutes('inspections', () => import('./InspectionListView.vue'), [
  { path: '/inspections/:id', name: 'inspection', component: () => import('./InspectionFormView.vue') },
])
