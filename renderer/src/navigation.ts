import { mdiAccountGroup, mdiCarSearch, mdiCarSettings, mdiCheckDecagram, mdiCog, mdiFileCancel, mdiFileDocumentMultiple, mdiHome, mdiShieldCar, mdiSync } from '@mdi/js'
import type { Role } from '@shared/contract/roles'

/**
 * Sections of the app and who sees them. This only shapes the menu: the core refuses a role's calls on its
 * own (see shared/*\/contract.ts), so hiding here is for clarity, not for security.
 */
export interface Section {
  key: 'home' | 'osago' | 'casco' | 'inspections' | 'approvals' | 'terminations' | 'blanks' | 'sync' | 'staff' | 'settings'
  path: string
  icon: string
  roles: readonly Role[]
  /** Still being built: shows what it will hold. */
  coming?: boolean
}

const ALL: readonly Role[] = ['clerk', 'inspector', 'supervisor', 'admin']

export const SECTIONS: readonly Section[] = [
  { key: 'home', path: '/home', icon: mdiHome, roles: ALL },
  { key: 'osago', path: '/osago', icon: mdiShieldCar, roles: ['clerk', 'supervisor'] },
  { key: 'casco', path: '/casco', icon: mdiCarSettings, roles: ['clerk', 'supervisor'] },
  { key: 'inspections', path: '/inspections', icon: mdiCarSearch, roles: ['inspector', 'supervisor'] },
  { key: 'approvals', path: '/approvals', icon: mdiCheckDecagram, roles: ['supervisor'] },
  { key: 'terminations', path: '/terminations', icon: mdiFileCancel, roles: ['clerk', 'supervisor'] },
  { key: 'blanks', path: '/blanks', icon: mdiFileDocumentMultiple, roles: ['admin', 'supervisor', 'clerk'] },
  // Every role sees its own changes that HQ did not take; enrolment and offline transfer are the admin's.
  { key: 'sync', path: '/sync', icon: mdiSync, roles: ALL },
  { key: 'staff', path: '/staff', icon: mdiAccountGroup, roles: ['admin'] },
  { key: 'settings', path: '/settings', icon: mdiCog, roles: ['admin'] },
]

export function sectionsFor(role: Role | undefined): Section[] {
  return role ? SECTIONS.filter((s) => s.roles.includes(role)) : []
}
