import { sectionRoutes } from '../../navigation'

/** The worklist of contracts ending soon (renewal at the office). */
export const renewalRoutes = sectionRoutes('renewals', () => import('./RenewalListView.vue'))
