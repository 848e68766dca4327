import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@shared/contract/roles'
import { SECTIONS } from '../navigation'
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

const sectionRoutes: RouteRecordRaw[] = SECTIONS.map((s) => ({
  path: s.path,
  name: s.key,
  meta: { roles: s.roles, section: s.key },
  component:
    s.key === 'home'
      ? () => import('../features/home/HomeView.vue')
      : s.key === 'osago'
        ? () => import('../features/osago/OsagoListView.vue')
        : s.key === 'casco'
          ? () => import('../features/casco/CascoListView.vue')
          : s.key === 'approvals'
            ? () => import('../features/approval/ApprovalsView.vue')
            : s.key === 'blanks'
              ? () => import('../features/blanks/BlanksView.vue')
              : s.key === 'inspections'
                ? () => import('../features/inspection/InspectionListView.vue')
                : s.key === 'terminations'
                  ? () => import('../features/termination/TerminationsListView.vue')
                  : s.key === 'staff'
                    ? () => import('../features/staff/StaffView.vue')
                    : s.key === 'settings'
                      ? () => import('../features/settings/SettingsView.vue')
                      : s.key === 'sync'
                        ? () => import('../features/sync/SyncView.vue')
                        : () => import('../features/sections/ComingSectionView.vue'),
  props: s.coming ? { section: s.key } : undefined,
}))

export const router = createRouter({
  // Hash history: the page is served from app:// (or a static preview server) with no server-side routing.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/home' },
    {
      path: '/first-run',
      name: 'first-run',
      meta: { public: true },
      component: () => import('../features/setup/FirstRunView.vue'),
    },
    {
      path: '/sign-in',
      name: 'sign-in',
      meta: { public: true },
      component: () => import('../features/session/SignInView.vue'),
    },
    {
      path: '/change-password',
      name: 'change-password',
      component: () => import('../features/session/ChangePasswordView.vue'),
    },
    ...sectionRoutes,
    {
      path: '/terminations/new',
      name: 'termination-new',
      meta: { roles: SECTIONS.find((s) => s.key === 'terminations')!.roles, section: 'terminations' },
      component: () => import('../features/termination/NewApplicationView.vue'),
    },
    {
      path: '/terminations/:id',
      name: 'termination-application',
      meta: { roles: SECTIONS.find((s) => s.key === 'terminations')!.roles, section: 'terminations' },
      component: () => import('../features/termination/ApplicationView.vue'),
    },
    {
      path: '/inspections/:id',
      name: 'inspection',
      meta: { roles: SECTIONS.find((s) => s.key === 'inspections')!.roles, section: 'inspections' },
      component: () => import('../features/inspection/InspectionFormView.vue'),
    },
    {
      path: '/casco/:id',
      name: 'casco-quote',
      meta: { roles: SECTIONS.find((s) => s.key === 'casco')!.roles, section: 'casco' },
      component: () => import('../features/casco/CascoQuoteView.vue'),
    },
    {
      path: '/approvals/:id',
      name: 'approval-case',
      meta: { roles: SECTIONS.find((s) => s.key === 'approvals')!.roles, section: 'approvals' },
      component: () => import('../features/approval/ApprovalCaseView.vue'),
    },
    {
      path: '/osago/:id',
      name: 'osago-policy',
      meta: { roles: SECTIONS.find((s) => s.key === 'osago')!.roles, section: 'osago' },
      component: () => import('../features/osago/OsagoFormView.vue'),
    },
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
