import type { RouteRecordRaw } from 'vue-router'
import { SECTIONS } from '../../navigation'

const casco = SECTIONS.find((s) => s.key === 'casco')!

/**
 * «Взносы КАСКО» under the CASCO section (its roles guard it; the menu keeps CASCO lit): the due list of the
 * contracts' later instalments. A static path, so it ranks above the section's `/casco/:id`.
 */
export const instalmentRoutes: RouteRecordRaw[] = [
  {
    path: '/casco/instalments',
    name: 'casco-instalments',
    meta: { roles: casco.roles, section: casco.key },
    component: () => import('./InstalmentsView.vue'),
  },
]
