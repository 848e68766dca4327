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
    all: 'All…',
    allOf: 'All: {kind}',
    loadFailed: 'Could not load the day’s work: {message}',
  },
} satisfies LocaleFile<typeof ru>
