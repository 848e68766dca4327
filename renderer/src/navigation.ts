import {
  mdiAccountGroup,
  mdiCalendarClock,
  mdiCarSearch,
  mdiCarSettings,
  mdiCashRegister,
  mdiCheckDecagram,
  mdiCog,
  mdiFileCancel,
  mdiFileChartOutline,
  mdiFileDocumentMultiple,
  mdiHome,
  mdiRadar,
  mdiShieldCar,
  mdiSync,
} from '@mdi/js'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@shared/contract/roles'
import {
  ADMINS,
  BLANK_VIEWERS,
  CASCO_CASE_DECIDERS,
  DESK,
  EVERYONE,
  INSPECTION_READERS,
  OFFICE,
} from '@shared/staff/roleGroups'
import { REPORT_READERS } from '@shared/reports/roles'
import { JOURNAL_READERS } from '@shared/payments/roles'

/**
 * Sections of the app and who sees them. This only shapes the menu: the core refuses a role's calls on its
 * own (see shared/*\/contract.ts), so hiding here is for clarity, not for security.
 */
export interface Section {
  key:
    | 'home'
    | 'osago'
    | 'casco'
    | 'renewals'
    | 'radar'
    | 'inspections'
    | 'approvals'
    | 'terminations'
    | 'blanks'
    | 'cash'
    | 'reports'
    | 'sync'
    | 'staff'
    | 'settings'
  path: string
  icon: string
  roles: readonly Role[]
  /** Still being built: shows what it will hold. */
  coming?: boolean
}

export const SECTIONS: readonly Section[] = [
  { key: 'home', path: '/home', icon: mdiHome, roles: EVERYONE },
  { key: 'osago', path: '/osago', icon: mdiShieldCar, roles: DESK },
  { key: 'casco', path: '/casco', icon: mdiCarSettings, roles: DESK },
  // The worklist «Истекают в ближайшие 60 дней»: OSAGO and CASCO contracts to renew (core/renewal).
  { key: 'renewals', path: '/renewals', icon: mdiCalendarClock, roles: DESK },
  // Every date that matters soon, by urgency (core/radar); each role sees the kinds it may open.
  { key: 'radar', path: '/radar', icon: mdiRadar, roles: OFFICE },
  { key: 'inspections', path: '/inspections', icon: mdiCarSearch, roles: INSPECTION_READERS },
  { key: 'approvals', path: '/approvals', icon: mdiCheckDecagram, roles: CASCO_CASE_DECIDERS },
  { key: 'terminations', path: '/terminations', icon: mdiFileCancel, roles: DESK },
  { key: 'blanks', path: '/blanks', icon: mdiFileDocumentMultiple, roles: BLANK_VIEWERS },
  // The day's payments journal, its cash report and closing (core/payments).
  { key: 'cash', path: '/cash', icon: mdiCashRegister, roles: JOURNAL_READERS },
  // The blank report for a period (issue 16): the seniors who answer for the stock.
  { key: 'reports', path: '/reports', icon: mdiFileChartOutline, roles: REPORT_READERS },
  // Every role sees its own changes that HQ did not take; enrolment and offline transfer are the admin's.
  { key: 'sync', path: '/sync', icon: mdiSync, roles: EVERYONE },
  { key: 'staff', path: '/staff', icon: mdiAccountGroup, roles: ADMINS },
  { key: 'settings', path: '/settings', icon: mdiCog, roles: ADMINS },
]

export function sectionsFor(role: Role | undefined): Section[] {
  return role ? SECTIONS.filter((s) => s.roles.includes(role)) : []
}

/** A screen of a section: a lazily loaded view (the page loads a feature's code when first shown). */
export interface SectionScreen {
  path: string
  name: string
  component: () => Promise<unknown>
}

/**
 * A feature's routes under its menu section (SECTIONS above holds the section's path and roles): the
 * section's own screen (named as the section) and the feature's other screens, each carrying the section's roles
 * so the router's guard refuses them to whoever the menu hides them from.
 */
export function sectionRoutes(
  key: Section['key'],
  list: SectionScreen['component'],
  screens: readonly SectionScreen[] = [],
): RouteRecordRaw[] {
  const section = SECTIONS.find((s) => s.key === key)
  if (!section) throw new Error(`No menu section ${key}`)
  const meta = { roles: section.roles, section: section.key }
  return [{ path: section.path, name: section.key, meta, component: list }, ...screens.map((s) => ({ ...s, meta }))]
}
