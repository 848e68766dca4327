/**
 * The contract's channel names as a plain list, for the preload: a sandboxed preload is one bundled file, and
 * importing the contract itself would bundle zod and every schema into it (285 KB) just to learn these names.
 * Kept by hand; channels.test.ts fails, naming the difference, when this list and the contract's keys differ —
 * add a new channel here when you add it to a feature's contract.
 */
export const CHANNEL_NAMES = [
  'app/get-status', 'app/set-locale',
  'setup/create-branch',
  'session/get-session', 'session/sign-in', 'session/sign-out', 'session/lock-screen', 'session/unlock-screen',
  'session/report-activity', 'session/change-password',
  'staff/list-staff', 'staff/create-staff', 'staff/update-staff', 'staff/reset-password',
  'settings/get-security', 'settings/update-security', 'settings/save-diagnostics',
  'blanks/receive-range', 'blanks/list-blanks', 'blanks/get-stock', 'blanks/spoil-blank',
  'osago/get-form-reference', 'osago/create-draft', 'osago/save-draft', 'osago/get-policy', 'osago/get-registration',
  'osago/list-policies', 'osago/quote-premium', 'osago/calculate-policy', 'osago/issue-policy',
  'osago/reissue-on-new-blank', 'osago/discard-draft', 'osago/suggest-streets',
  'print/preview-document', 'print/print-document', 'print/save-document', 'print/list-printers',
  'print/get-printer-profile', 'print/set-printer-profile',
  'termination/find-contracts', 'termination/enter-contract', 'termination/preview-refund',
  'termination/register-application', 'termination/update-application', 'termination/set-documents',
  'termination/complete-application', 'termination/approve-application', 'termination/record-payout',
  'termination/refuse-application', 'termination/get-application', 'termination/list-applications',
  'termination/list-deadlines', 'termination/preview-late-payout',
  'inspection/get-reference', 'inspection/create', 'inspection/get', 'inspection/list', 'inspection/save-report',
  'inspection/add-damage', 'inspection/update-damage', 'inspection/remove-damage', 'inspection/assign-photo',
  'inspection/remove-photo', 'inspection/submit',
  'photos/begin-upload', 'photos/upload-chunk', 'photos/finish-upload', 'photos/cancel-upload', 'photos/get-image',
  'photos/get-availability',
  'sync/get-status', 'sync/enrol', 'sync/enrol-new-device', 'sync/sync-now', 'sync/list-issues',
  'sync/mark-issue-seen', 'sync/export-bundle', 'sync/import-answer', 'sync/lookup-contracts', 'sync/download-file',
  'casco/get-form-reference', 'casco/create-quote', 'casco/save-draft', 'casco/get-quote', 'casco/list-quotes',
  'casco/preview-quote', 'casco/calculate-quote', 'casco/choose-option', 'casco/submit-for-approval',
  'casco/issue-contract', 'casco/discard-quote', 'casco/list-for-inspection',
  'approval/list-queue', 'approval/get-case', 'approval/decide',
  'update/get-status', 'update/report-unsaved-forms', 'update/check-now', 'update/install-now',
  'backup/get-status', 'backup/choose-folder', 'backup/update-schedule', 'backup/run-now', 'backup/find-backups',
  'backup/restore', 'backup/relaunch',
  'calendar/get-status', 'calendar/list-deadline-changes',
] as const

export type ChannelName = (typeof CHANNEL_NAMES)[number]
