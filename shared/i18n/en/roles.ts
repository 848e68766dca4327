import type ru from '../ru/roles'
import type { LocaleFile } from '../schema'

/** Staff role names. */
export default {
  roles: {
    clerk: 'Counter clerk',
    inspector: 'Inspector',
    supervisor: 'Supervisor',
    admin: 'Administrator',
  },
} satisfies LocaleFile<typeof ru>
