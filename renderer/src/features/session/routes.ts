import type { RouteRecordRaw } from 'vue-router'

/** Sign-in (public) and the forced password change after an admin's reset. */
export const sessionRoutes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', meta: { public: true }, component: () => import('./SignInView.vue') },
  { path: '/change-password', name: 'change-password', component: () => import('./ChangePasswordView.vue') },
]
