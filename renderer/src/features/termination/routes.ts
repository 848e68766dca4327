import { sectionRoutes } from '../../navigation'

/** The terminations list, a new application and one application. `new` comes first: it is not an id. */
export const terminationRoutes = sectionRoutes('terminations', () => import('./TerminationsListView.vue'), [
  { path: '/terminations/new', name: 'termination-new', component: () => import('./NewApplicationView.vue') },
  { path: '/terminations/:id', name: 'termination-application', component: () => import('./ApplicationView.vue') },
])
