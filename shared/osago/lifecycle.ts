import { defineLifecycle, fromEach, staysIn } from '../lifecycle/lifecycle'
import { DESK } from '../staff/roleGroups'
import { OSAGO_STATUSES, type OsagoStatus } from './policy'

/**
 * A policy that is a contract: issued on a blank, printed or not. Only these are terminated, registered with the
 * national register and printed on their blank.
 */
export const OSAGO_CONTRACT_STATUSES: readonly OsagoStatus[] = ['issued', 'printed']

export function isOsagoContract(status: unknown): boolean {
  return (OSAGO_CONTRACT_STATUSES as readonly unknown[]).includes(status)
}

/**
 * An OSAGO contract at the counter (core/osago/osagoHandlers.ts). A calculated application stays editable: an edit
 * sends it back to draft, to be priced again. Issued on a blank; printed once its blank left the printer; a reissue
 * on a new blank (the old one spoiled) takes it back to issued. A termination of the contract marks
 * `terminated_on` and keeps the status. Discarded is terminal.
 */
export const osagoLifecycle = defineLifecycle({
  table: 'osago_policy',
  statuses: OSAGO_STATUSES,
  editable: { statuses: ['draft', 'calculated'] },
  transitions: [
    { from: null, to: 'draft', channel: 'osago/create-draft', action: 'osago.draft-created' },
    // A renewal starts as a new draft carrying the expiring policy's data (core/renewal).
    { from: null, to: 'draft', channel: 'osago/renew-policy', action: 'osago.renewal-created' },
    { from: 'draft', to: 'draft', channel: 'osago/save-draft', action: 'osago.draft-saved' },
    { from: 'calculated', to: 'draft', channel: 'osago/save-draft', action: 'osago.draft-saved' },
    { from: 'draft', to: 'calculated', channel: 'osago/calculate-policy', action: 'osago.calculated' },
    { from: 'calculated', to: 'calculated', channel: 'osago/calculate-policy', action: 'osago.calculated' },
    { from: 'draft', to: 'discarded', channel: 'osago/discard-draft', action: 'osago.discarded' },
    { from: 'calculated', to: 'discarded', channel: 'osago/discard-draft', action: 'osago.discarded' },
    {
      from: 'calculated',
      to: 'issued',
      channel: 'osago/issue-policy',
      action: 'osago.issued',
      when: 'concluded today; the payment is the premium',
    },
    { from: 'issued', to: 'issued', channel: 'osago/reissue-on-new-blank', action: 'osago.reissued-on-new-blank' },
    { from: 'printed', to: 'issued', channel: 'osago/reissue-on-new-blank', action: 'osago.reissued-on-new-blank' },
    // The print registry lets the desk print a policy blank (core/print/osago/osagoDocuments.ts).
    { from: 'issued', to: 'printed', channel: 'print/print-document', action: 'osago.printed', by: DESK },
    ...staysIn(OSAGO_CONTRACT_STATUSES, {
      channel: 'termination/complete-application',
      action: 'termination.completed',
    }),
    ...staysIn(OSAGO_CONTRACT_STATUSES, { channel: 'termination/refuse-application', action: 'termination.refused' }),
    // A change to the issued contract (core/osagoChange): an addendum keeps the status; a re-issue on a new blank
    // and a duplicate of a lost policy put it on a blank not yet printed.
    ...staysIn(OSAGO_CONTRACT_STATUSES, { channel: 'osagoChange/apply-change', action: 'osago.change-applied' }),
    { from: 'printed', to: 'issued', channel: 'osagoChange/apply-change', action: 'osago.change-applied' },
    ...fromEach(OSAGO_CONTRACT_STATUSES, 'issued', {
      channel: 'osagoChange/issue-duplicate',
      action: 'osago.duplicate-issued',
    }),
  ],
})
