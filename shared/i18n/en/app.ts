import type ru from '../ru/app'
import type { LocaleFile } from '../schema'

/** The application name shown in the window and the shell. */
export default {
  app: { name: 'Branch Desk', tagline: 'Branch office workplace' },
} satisfies LocaleFile<typeof ru>
