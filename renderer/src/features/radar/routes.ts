import { sectionRoutes } from '../../navigation'

/** The radar of the branch's dates: every date that matters soon, by urgency. */
export const radarRoutes = sectionRoutes('radar', () => import('./RadarView.vue'))
