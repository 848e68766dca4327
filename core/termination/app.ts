import type { HandlersOf } from '../ipc/handlers'
import { defineFeature } from '../app/feature'
import { applicationSearchTextColumn, loadApplication } from './applicationRows'
import { manualContractSearchTextColumn } from './contracts'
import { deadlineChangesOf } from './payoutDeadlineRecalculation'
import { terminationDocuments } from './print/terminationDocuments'
import { terminationHandlers } from './terminationHandlers'

/** Terminations: applications, refunds by the rules, payout deadlines; the application and the refund sheet. */
export const terminationApp = defineFeature({
  name: 'termination',
  handlers: ({ db, reference }) => ({
    ...terminationHandlers(db, reference),
    // A channel of the calendar's contract, answered here: the changes are termination's records.
    ...({
      'calendar/list-deadline-changes': async (input) => deadlineChangesOf(db, input.applicationId),
    } satisfies HandlersOf<'calendar/list-deadline-changes'>),
  }),
  documents: ({ db, reference, timeZone }) =>
    terminationDocuments({ loadApplication: (id) => loadApplication(db, id), reference, timeZone }),
  syncedTables: ['manual_contract', 'termination_application'],
  derived: [manualContractSearchTextColumn, applicationSearchTextColumn],
})
