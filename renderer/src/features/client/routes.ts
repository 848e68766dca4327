import type { RouteRecordRaw } from 'vue-router'
import { CLIENT_ADMINS, CLIENT_READERS } from '@shared/client/client'

/** The client card: opened from the global search (Ctrl+K) or a record; no menu section of its own. */
export const clientRoutes: RouteRecordRaw[] = [
  // Cards past retention, for the admin to erase (opened from the admin's home line about them).
  {
    path: '/clients/retention',
    name: 'client-retention',
    meta: { roles: CLIENT_ADMINS },
    component: () => import('./ClientRetentionView.vue'),
  },
  {
    path: '/clients/:id',
    name: 'client',
    meta: { roles: CLIENT_READERS },
    component: () => import('./ClientCardView.vue'),
  },
]
