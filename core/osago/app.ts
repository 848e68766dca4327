import { defineFeature } from '../app/feature'
import { osagoDocuments } from '../print/osago/osagoDocuments'
import { findStaffById } from '../staff/api'
import { consentFor } from '../client/api'
import { markOsagoPrinted, osagoHandlers } from './osagoHandlers'
import { osagoSearchText } from './osagoRows'
import { loadPolicyAsChanged } from './policyAsChanged'
import { blankPrintGateFor } from './registrationRows'

/** The OSAGO counter: application, quote, issue on a blank, the register's answer; the policy's documents. */
export const osagoApp = defineFeature({
  name: 'osago',
  handlers: (core) => osagoHandlers(core.db, core.reference),
  documents: ({ db, reference, timeZone, print }) =>
    osagoDocuments({
      layouts: print.layouts,
      reference,
      timeZone,
      staffName: async (id) => (await findStaffById(db, id))?.full_name ?? null,
      // Printed with the data the last applied change left (core/osago/policyAsChanged.ts).
      loadOsagoPolicy: (id) => loadPolicyAsChanged(db, id),
      consentOf: (id) => consentFor(db, 'osago_policy', id),
      onBlankPrinted: (id, ctx) => markOsagoPrinted(db, id, ctx),
      // HQ's setting and the register's answer both arrive with sync; the gate reads them from the database at
      // print time, so it needs no engine and follows each sync without being told.
      printGate: (id) => blankPrintGateFor(db, id),
    }),
  // osago_registration is written only by HQ (the national register's answer) and pulled.
  syncedTables: ['osago_policy', 'osago_document', 'osago_registration'],
  derived: [osagoSearchText],
})
