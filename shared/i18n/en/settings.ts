import type ru from '../ru/settings'
import type { LocaleFile } from '../schema'

/** Branch settings (sign-in and lock policy). */
export default {
  settings: {
    title: 'Security settings',
    idleLockMinutes: 'Lock the screen after inactivity, min',
    maxFailedSignIns: 'Failed sign-ins before lock-out',
    lockoutMinutes: 'Lock-out duration, min',
  },
} satisfies LocaleFile<typeof ru>
