import type ru from '../ru/nav'
import type { LocaleFile } from '../schema'

/** The navigation menu. */
export default {
  nav: {
    home: 'Home',
    osago: 'OSAGO',
    casco: 'CASCO',
    renewals: 'Renewals',
    radar: 'Date radar',
    inspections: 'Inspections',
    approvals: 'Approvals',
    terminations: 'Terminations',
    blanks: 'Policy blanks',
    reports: 'Reports',
    cash: 'Cash desk',
    sync: 'Sync',
    staff: 'Staff',
    settings: 'Settings',
    signOut: 'Sign out',
    lockScreen: 'Lock',
  },
} satisfies LocaleFile<typeof ru>
