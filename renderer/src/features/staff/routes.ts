import { sectionRoutes } from '../../navigation'

export const staffRoutes = sectionRoutes('staff', () => import('./StaffView.vue'))
