import type { RouteRecordRaw } from 'vue-router'
// In the entry chunk, not a route chunk: the window opens on it every morning, and a chunk of its own would be
// fetched only after the router's first decision (one more step between navigation and a usable sign-in).
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
