import { sectionRoutes } from '../../navigation'

export const syncRoutes = sectionRoutes('sync', () => import('./SyncView.vue'))
