import type ru from '../ru/errors'
import type { LocaleFile } from '../schema'

/** Error codes of the core dispatch (AppError codes), shown to the user. */
export default {
  errors: {
    validation: 'Check the marked fields',
    unknownChannel: 'Unknown operation',
    badSender: 'Request refused: it did not come from the application window',
    payloadTooLarge: 'The request carries too much data',
    unauthenticated: 'Please sign in',
    sessionLocked: 'The screen is locked. Enter your password to continue',
    forbidden: 'You are not allowed to do this',
    invalidCredentials: 'Wrong login or password',
    accountLocked: 'The account is locked after failed sign-ins. Try again in {minutes} min.',
    accountDisabled: 'The account is disabled. Contact the branch administrator',
    notFound: 'Record not found',
    staleRecord: 'Somebody else has changed this record. Reload and try again',
    badTransition: 'This step is not available for the record in its current state. Reload and try again',
    appendOnly: 'This record cannot be changed once it is made',
    internal: 'Internal error. Nothing was changed',
    coreStopped:
      'The operation was interrupted: the application core is restarting. Check whether your changes were saved and try again',
    branchExists: 'The branch has already been created',
    loginTaken: 'Login “{login}” is already taken',
    lastAdmin: 'The only active administrator cannot be disabled or demoted',
    wrongCurrentPassword: 'The current password is wrong',
    samePassword: 'The new password must differ from the current one',
    mustChangePassword: 'Change your password first',
  },
} satisfies LocaleFile<typeof ru>
