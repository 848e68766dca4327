import type { RouteRecordRaw } from 'vue-router'

/** First run: the only screen before the branch exists. */
export const setupRoutes: RouteRecordRaw[] = [
  { path: '/first-run', name: 'first-run', meta: { public: true }, component: () => import('./FirstRunView.vue') },
]
