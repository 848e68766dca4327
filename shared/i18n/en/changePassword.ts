import type ru from '../ru/changePassword'
import type { LocaleFile } from '../schema'

/** The change-password dialog (forced at first sign-in and on request). */
export default {
  changePassword: {
    title: 'Change password',
    text: 'Your password was set by the administrator. Choose your own to continue.',
    current: 'Current password',
    next: 'New password',
    repeat: 'Repeat new password',
    submit: 'Change password',
  },
} satisfies LocaleFile<typeof ru>
