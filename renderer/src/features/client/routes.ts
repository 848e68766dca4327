import type { RouteRecordRaw } from 'vue-router'
import { CLIENT_READERS } from '@shared/client/client'

/** The client card: opened from the global search (Ctrl+K) or a record; no menu section of its own. */
export const clientRoutes: RouteRecordRaw[] = [
  {
    path: '/clients/:id',
    name: 'client',
    meta: { roles: CLIENT_READERS },
    component: () => import('./ClientCardView.vue'),
  },
]
