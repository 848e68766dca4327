import type ru from '../ru/staff'
import type { LocaleFile } from '../schema'

/** Staff management (accounts, roles, passwords). */
export default {
  staff: {
    title: 'Staff',
    add: 'Add staff member',
    login: 'Login',
    fullName: 'Full name',
    role: 'Role',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    lockedUntil: 'Locked until {time}',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    newPassword: 'New password',
    tempPasswordHint: 'They will change it at first sign-in',
    editTitle: 'Staff member',
    created: 'Staff member added',
    updated: 'Changes saved',
    passwordReset: 'Password reset',
    confirmDisable: {
      title: 'Disable this staff member?',
      text: '{name} will not be able to sign in until enabled again. The documents they issued stay.',
    },
  },
} satisfies LocaleFile<typeof ru>
