import { sectionRoutes } from '../../navigation'

/** The OSAGO list and one application/policy. */
export const osagoRoutes = sectionRoutes('osago', () => import('./OsagoListView.vue'), [
  { path: '/osago/:id', name: 'osago-policy', component: () => import('./OsagoFormView.vue') },
])
