import type ru from '../ru/firstRun'
import type { LocaleFile } from '../schema'

/** First start: registering the branch and its first administrator. */
export default {
  firstRun: {
    title: 'First run',
    intro: 'Create the branch and its administrator account. This is done once.',
    branchSection: 'Branch',
    adminSection: 'Branch administrator',
    code: 'Branch code',
    name: 'Name',
    city: 'City',
    login: 'Login',
    fullName: 'Full name',
    password: 'Password',
    passwordRepeat: 'Repeat password',
    submit: 'Create branch',
    done: 'The branch is created. Sign in as the administrator.',
  },
} satisfies LocaleFile<typeof ru>
