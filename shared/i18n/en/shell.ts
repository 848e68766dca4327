export default {
  app: { name: 'Branch Desk', tagline: 'Branch office workplace' },
  common: {
    save: 'Save', cancel: 'Cancel', close: 'Close', edit: 'Edit', create: 'Create', yes: 'Yes', no: 'No',
    loading: 'Loading…', saved: 'Saved', actions: 'Actions', language: 'Language',
  },
  nav: {
    home: 'Home', osago: 'OSAGO', casco: 'CASCO', inspections: 'Inspections', approvals: 'Approvals',
    terminations: 'Terminations', blanks: 'Policy blanks', sync: 'Sync', staff: 'Staff', settings: 'Settings',
    signOut: 'Sign out', lockScreen: 'Lock',
  },
  status: {
    user: 'User', branch: 'Branch', hqNotConfigured: 'No HQ connection configured',
    hqNotConfiguredHint: 'This device is not yet enrolled with head office: all data is kept at the branch',
  },
  signIn: { title: 'Sign in', login: 'Login', password: 'Password', submit: 'Sign in', hint: 'Accounts are created by the branch administrator' },
  firstRun: {
    title: 'First run', intro: 'Create the branch and its administrator account. This is done once.',
    branchSection: 'Branch', adminSection: 'Branch administrator',
    code: 'Branch code', name: 'Name', city: 'City', login: 'Login', fullName: 'Full name', password: 'Password',
    passwordRepeat: 'Repeat password', submit: 'Create branch', done: 'The branch is created. Sign in as the administrator.',
  },
  lock: {
    title: 'Screen locked', text: 'The session of {name} was locked after inactivity. Enter the password.',
    password: 'Password', unlock: 'Unlock', signOut: 'Sign out and switch user',
  },
  changePassword: {
    title: 'Change password', text: 'Your password was set by the administrator. Choose your own to continue.',
    current: 'Current password', next: 'New password', repeat: 'Repeat new password', submit: 'Change password',
  },
  home: {
    greeting: 'Hello, {name}',
    roleIntro: {
      clerk: 'OSAGO and CASCO at the counter, termination applications.',
      inspector: 'CASCO vehicle inspections: reports, photos, damage — offline too.',
      supervisor: 'CASCO approvals (four-eyes), payout deadlines.',
      admin: 'Branch staff, policy blanks, security settings and the HQ connection.',
    },
    yourSections: 'Your sections',
  },
  sections: {
    comingTitle: 'Coming soon',
    comingText: 'What this section will hold:',
    osago: { title: 'OSAGO at the counter', items: ['Application for first-time clients', 'Validation while typing', 'Premium with its coefficient breakdown', 'Issue on a paper blank and printing'] },
    casco: { title: 'CASCO', items: ['Quote options side by side', 'Programs and promotions with their conditions', 'Payment schedule', 'Contract and printing'] },
    inspections: { title: 'Inspections', items: ['Offline vehicle inspection report', 'Photos by checklist', 'Damage on the car diagram', 'Inspector and client signatures'] },
    approvals: { title: 'Approvals', items: ['Approval queue', 'Underwriting checks that fired', 'Approve, approve with conditions, return, reject'] },
    terminations: { title: 'Terminations and refunds', items: ['Early termination and cooling-off applications', 'Refund by the rules', 'Documents checklist and payout deadlines'] },
    blanks: { title: 'Policy blanks', items: ['Receiving blank ranges', 'Issue, spoil, stock report'] },
    sync: { title: 'Sync with HQ', items: ['Enrol this device with HQ', 'Push and pull changes', 'Rejected and conflicting records'] },
  },
  staff: {
    title: 'Staff', add: 'Add staff member', login: 'Login', fullName: 'Full name', role: 'Role', status: 'Status',
    active: 'Active', disabled: 'Disabled', lockedUntil: 'Locked until {time}', disable: 'Disable', enable: 'Enable',
    resetPassword: 'Reset password', newPassword: 'New password', tempPasswordHint: 'They will change it at first sign-in',
    editTitle: 'Staff member', created: 'Staff member added', updated: 'Changes saved', passwordReset: 'Password reset',
  },
  settings: {
    title: 'Security settings', idleLockMinutes: 'Lock the screen after inactivity, min',
    maxFailedSignIns: 'Failed sign-ins before lock-out', lockoutMinutes: 'Lock-out duration, min',
  },
} as const
