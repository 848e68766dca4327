import { sectionRoutes } from '../../navigation'

export const settingsRoutes = sectionRoutes('settings', () => import('./SettingsView.vue'))
