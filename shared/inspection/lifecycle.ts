import { defineLifecycle, staysIn } from '../lifecycle/lifecycle'
import { INSPECTION_STATUSES, type InspectionStatus } from './inspection'

/** The report is its inspector's to change: a draft, or returned to them for corrections. */
const OPEN: readonly InspectionStatus[] = ['draft', 'returned']

/**
 * A vehicle inspection (core/inspection/inspectionHandlers.ts): created as a draft by its inspector, filled in
 * (report, damage rows, photos) while draft or returned, submitted by the inspector; a supervisor returns a
 * submitted report (approval/decide, "back to the inspector"). Nothing else moves it: a submitted report changes
 * only by coming back to its inspector. Beyond roles, only the report's own inspector works on it (the handlers'
 * `editableRow`, HQ's `not-inspector`).
 */
export const inspectionLifecycle = defineLifecycle({
  table: 'inspection',
  statuses: INSPECTION_STATUSES,
  editable: {
    statuses: OPEN,
    channels: [
      'inspection/add-damage',
      'inspection/update-damage',
      'inspection/remove-damage',
      'inspection/assign-photo',
      'inspection/remove-photo',
      'photos/begin-upload',
    ],
  },
  transitions: [
    { from: null, to: 'draft', channel: 'inspection/create', action: 'inspection.created' },
    ...staysIn(OPEN, { channel: 'inspection/save-report', action: 'inspection.report-saved' }),
    { from: 'draft', to: 'submitted', channel: 'inspection/submit', action: 'inspection.submitted' },
    { from: 'returned', to: 'submitted', channel: 'inspection/submit', action: 'inspection.submitted' },
    {
      from: 'submitted',
      to: 'returned',
      channel: 'approval/decide',
      action: 'inspection.returned',
      when: 'returned to the inspector, with a reason',
    },
  ],
})
