import {
  createRouter,
  createWebHashHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
} from 'vue-router'
import type { Role } from '@shared/contract/roles'
import { SECTIONS } from '../navigation'
import { approvalRoutes } from '../features/approval/routes'
import { blanksRoutes } from '../features/blanks/routes'
import { cascoRoutes } from '../features/casco/routes'
import { homeRoutes } from '../features/home/routes'
import { renewalRoutes } from '../features/renewal/routes'
import { radarRoutes } from '../features/radar/routes'
import { inspectionRoutes } from '../features/inspection/routes'
import { osagoRoutes } from '../features/osago/routes'
import { sessionRoutes } from '../features/session/routes'
import { settingsRoutes } from '../features/settings/routes'
import { setupRoutes } from '../features/setup/routes'
import { staffRoutes } from '../features/staff/routes'
import { syncRoutes } from '../features/sync/routes'
import { terminationRoutes } from '../features/termination/routes'
import { clientRoutes } from '../features/client/routes'
import { reportsRoutes } from '../features/reports/routes'
import { instalmentRoutes } from '../features/payments/instalmentRoutes'
import { paymentsRoutes } from '../features/payments/routes'
import { loadMessagesFor } from '../plugins/i18n'
import { useAppStatusStore } from '../stores/appStatus'
import { useSessionStore } from '../stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Public screens (first run, sign-in) need no session. */
    public?: boolean
    /** The screen's texts are all in the entry chunk (plugins/i18n.ts STARTUP_MESSAGES): sign-in. */
    startupMessages?: boolean
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
  instalmentRoutes,
  renewalRoutes,
  radarRoutes,
  inspectionRoutes,
  approvalRoutes,
  terminationRoutes,
  clientRoutes,
  blanksRoutes,
  reportsRoutes,
  paymentsRoutes,
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

/** Where a navigation may go: first run, sign-in, the forced password change, roles. */
async function guard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const app = useAppStatusStore()
  const session = useSessionStore()
  // The status and the session asked together: one round trip to the core before the first screen, not three.
  const [status, state] = await Promise.all([
    app.status ?? app.load(),
    session.state.status === 'signed-out' && !session.known ? session.refresh() : session.state,
  ])
  if (status.firstRun) return to.name === 'first-run' ? true : { name: 'first-run' }
  if (to.name === 'first-run') return { name: 'sign-in' }

  if (state.status === 'signed-out') return to.meta.public ? true : { name: 'sign-in' }
  if (to.name === 'sign-in') return { name: 'home' }
  if (state.status === 'must-change-password') return to.name === 'change-password' ? true : { name: 'change-password' }
  if (to.name === 'change-password') return { name: 'home' }
  if (to.meta.roles && !to.meta.roles.includes(state.user.role)) {
    return { name: 'home', query: { denied: to.meta.section } }
  }
  return true
}

router.beforeEach(async (to) => {
  const verdict = await guard(to)
  // The screen's texts start loading beside its chunk once the screen is settled (not for a screen the guard
  // redirects from: the first navigation to /home of a signed-out window must not load every text).
  if (verdict === true) void loadMessagesFor(to.meta.startupMessages === true)
  return verdict
})
// Awaited before the screen renders (the same promise: read once).
router.beforeResolve((to) => loadMessagesFor(to.meta.startupMessages === true))
