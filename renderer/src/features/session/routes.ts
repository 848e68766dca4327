import type { RouteRecordRaw } from 'vue-router'
// In the app's chunk with the router, not a route chunk of its own: a window that starts the whole app at sign-in
// (a reload, English) would fetch it only after the router's first decision. A new window's sign-in is drawn by the
// start screen before the router loads (renderer/src/StartRoot.vue).
import SignInView from './SignInView.vue'

/** Sign-in (public) and the forced password change after an admin's reset. */
export const sessionRoutes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    meta: { public: true, startupMessages: true },
    component: SignInView,
  },
  { path: '/change-password', name: 'change-password', component: () => import('./ChangePasswordView.vue') },
]
