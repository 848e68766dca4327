import { sectionRoutes } from '../../navigation'

/** The CASCO list and one case. */
export const cascoRoutes = sectionRoutes('casco', () => import('./CascoListView.vue'), [
  { path: '/casco/:id', name: 'casco-quote', component: () => import('./CascoQuoteView.vue') },
])
