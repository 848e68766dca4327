import { sectionRoutes } from '../../navigation'

export const homeRoutes = sectionRoutes('home', () => import('./HomeView.vue'))
