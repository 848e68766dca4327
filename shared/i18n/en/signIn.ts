import type ru from '../ru/signIn'
import type { LocaleFile } from '../schema'

/** The sign-in screen. */
export default {
  signIn: {
    title: 'Sign in',
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    hint: 'Accounts are created by the branch administrator',
  },
} satisfies LocaleFile<typeof ru>
