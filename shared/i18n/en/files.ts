import type ru from '../ru/files'
import type { LocaleFile } from '../schema'

/** File dialogs. */
export default {
  files: { errors: { noDialogs: 'File dialogs are available only in the app' } },
} satisfies LocaleFile<typeof ru>
