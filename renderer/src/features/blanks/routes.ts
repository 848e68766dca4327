import { sectionRoutes } from '../../navigation'

export const blanksRoutes = sectionRoutes('blanks', () => import('./BlanksView.vue'))
