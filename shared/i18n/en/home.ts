import type ru from '../ru/home'
import type { LocaleFile } from '../schema'

/** The home screen. */
export default {
  home: {
    greeting: 'Hello, {name}',
    roleIntro: {
      clerk: 'OSAGO and CASCO at the counter, termination applications.',
      inspector: 'CASCO vehicle inspections: reports, photos, damage — offline too.',
      supervisor: 'CASCO approvals (four-eyes), payout deadlines.',
      admin: 'Branch staff, policy blanks, security settings and the HQ connection.',
    },
    start: 'Start',
    shortcuts: {
      newOsago: 'New OSAGO policy',
      newCasco: 'New CASCO quote',
      newTermination: 'Termination application',
      newInspection: 'New inspection',
      approvals: 'Approval queue',
      staff: 'Staff',
      blanks: 'Receive blanks',
      settings: 'Settings',
    },
    kinds: {
      osago: 'OSAGO',
      casco: 'CASCO',
      termination: 'Termination',
      inspection: 'Inspection',
    },
    drafts: {
      title: 'Unfinished',
      none: 'Nothing unfinished.',
    },
    cases: {
      title: 'Returned and decided',
      none: 'No new decisions.',
    },
    waiting: {
      title: 'Waiting for approval',
      none: 'The queue is empty.',
      since: 'submitted {date}',
    },
    renewals: {
      title: 'OSAGO renewals',
      hint: "The branch's policies ending within {days} days",
      none: 'No policies end within {days} days.',
      ends: 'until {date}',
      today: 'ends today',
      daysLeft: '{days} days left',
      noNumber: 'no number',
    },
    untitled: 'No client yet',
    toInspect: {
      title: 'Waiting for inspection',
      none: 'No quotes are waiting for an inspection.',
      start: 'Start inspection',
    },
    attention: {
      title: 'Needs attention',
      none: 'All clear: enough blanks, HQ sync running, nobody locked out.',
      sections: {
        blanks: 'Blanks',
        sync: 'Sync',
        staff: 'Staff',
        settings: 'Settings',
      },
      blanksNone: 'No OSAGO blanks in stock — receive a batch of blanks',
      blanksLow: 'Series {series} is running low: {onHand} left, threshold {min}',
      blanksUnprinted: 'Blanks held by policies not printed for more than {days} days: {count}',
      syncNotEnrolled: 'This computer is not connected to HQ: the branch’s changes are not sent',
      syncRevoked: 'HQ has disconnected this computer — enrol it again with a new code',
      syncFailing: 'Sync with HQ is failing (attempt {date}): {reason}',
      syncStale: 'Last successful sync with HQ was {date}, more than {hours} h ago',
      syncNever: 'No successful sync with HQ yet',
      syncIssues: 'Changes rejected by HQ or in conflict waiting to be reviewed: {count}',
      staffLocked: 'Sign-in for {name} ({login}) is locked until {date}: too many wrong passwords',
      staffPasswordPending: 'Has not yet replaced the issued password: {name} ({login})',
      backupNoFolder: 'Backups are not set up: choose a folder for them',
      backupFailed: 'The last backup failed ({date})',
      clientsPastRetention: 'Client cards past their retention period ({years} years after the last contract): {count}',
      diskNotEncrypted: 'The computer’s disk is not encrypted ({how}): client data and photos are stored in the clear',
      diskEncryptionUnknown: 'Could not check the disk encryption ({reason})',
    },
    all: 'All…',
    allOf: 'All: {kind}',
    loadFailed: 'Could not load the day’s work: {message}',
  },
} satisfies LocaleFile<typeof ru>
