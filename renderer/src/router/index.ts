import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@shared/contract/roles'
import { SECTIONS } from '../navigation'
import { approvalRoutes } from '../features/approval/routes'
import { blanksRoutes } from '../features/blanks/routes'
import { cascoRoutes } from '../features/casco/routes'
import { homeRoutes } from '../features/home/routes'
import { inspectionRoutes } from '../features/inspection/routes'
import { osagoRoutes } from '../features/osago/routes'
import { sessionRoutes } from '../features/session/routes'
import { settingsRoutes } from '../features/settings/routes'
import { setupRoutes } from '../features/setup/routes'
import { staffRoutes } from '../features/staff/routes'
import { syncRoutes } from '../features/sync/routes'
import { terminationRoutes } from '../features/termination/routes'
import { useAppStatusStore } from '../stores/appStatus'
import { useSessionStore } from '../stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Public screens (first run, sign-in) need no session. */
    public?: boolean
    roles?: readonly Role[]
    section?: string
  }
}

/**
 * The screens, one list per feature (`renderer/src/features/<feature>/routes.ts`, under its menu section in
 * renderer/src/navigation.ts). A section still being built has no feature yet: it shows what it will hold.
 */
const FEATURE_ROUTES: readonly RouteRecordRaw[][] = [
  setupRoutes,
  sessionRoutes,
  homeRoutes,
  osagoRoutes,
  cascoRoutes,
  inspectionRoutes,
  approvalRoutes,
  terminationRoutes,
  blanksRoutes,
  syncRoutes,
  staffRoutes,
  settingsRoutes,
]

const comingSections: RouteRecordRaw[] = SECTIONS.filter((s) => s.coming).map((s) => ({
  path: s.path,
  name: s.key,
  meta: { roles: s.roles, section: s.key },
  component: () => import('../features/sections/ComingSectionView.vue'),
  props: { section: s.key },
}))

export const router = createRouter({
  // Hash history: the page is served from app:// (or a static preview server) with no server-side routing.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/home' },
    ...FEATURE_ROUTES.flat(),
    ...comingSections,
    { path: '/:pathMatch(.*)*', redirect: '/home' },
  ],
})

router.beforeEach(async (to) => {
  const app = useAppStatusStore()
  const session = useSessionStore()
  const status = app.status ?? (await app.load())
  if (status.firstRun) return to.name === 'first-run' ? true : { name: 'first-run' }
  if (to.name === 'first-run') return { name: 'sign-in' }

  const state = session.state.status === 'signed-out' ? await session.refresh() : session.state
  if (state.status === 'signed-out') return to.meta.public ? true : { name: 'sign-in' }
  if (to.name === 'sign-in') return { name: 'home' }
  if (state.status === 'must-change-password') return to.name === 'change-password' ? true : { name: 'change-password' }
  if (to.name === 'change-password') return { name: 'home' }
  if (to.meta.roles && !to.meta.roles.includes(state.user.role)) {
    return { name: 'home', query: { denied: to.meta.section } }
  }
  return true
})
