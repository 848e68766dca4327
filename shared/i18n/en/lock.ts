import type ru from '../ru/lock'
import type { LocaleFile } from '../schema'

/** The lock screen after idle time. */
export default {
  lock: {
    title: 'Screen locked',
    text: 'The session of {name} was locked after inactivity. Enter the password.',
    password: 'Password',
    unlock: 'Unlock',
    signOut: 'Sign out and switch user',
  },
} satisfies LocaleFile<typeof ru>
