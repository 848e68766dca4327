import type ru from '../ru/status'
import type { LocaleFile } from '../schema'

/** The status bar. */
export default {
  status: {
    user: 'User',
    branch: 'Branch',
    hqNotConfigured: 'No HQ connection configured',
    hqNotConfiguredHint: 'This device is not yet enrolled with head office: all data is kept at the branch',
  },
} satisfies LocaleFile<typeof ru>
