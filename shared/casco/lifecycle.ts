import { defineLifecycle, fromEach, staysIn } from '../lifecycle/lifecycle'
import { DESK } from '../staff/roleGroups'
import { CASCO_APPROVED as APPROVED, CASCO_QUOTE_STATUSES, type CascoQuoteStatus } from './contract'

/** A case the clerk still works on: its terms may change (an edit unprices a priced one). */
const OPEN: readonly CascoQuoteStatus[] = ['draft', 'quoted', 'returned']
const PRICED_OPEN: readonly CascoQuoteStatus[] = ['quoted', 'returned']
/**
 * A case the inspector may still report on: the clerk works on it, or it awaits the supervisor, who may return it
 * to the inspector (approval/decide below).
 */
export const CASCO_INSPECTABLE_STATUSES: readonly CascoQuoteStatus[] = [...OPEN, 'submitted']
/** A case that is a contract: issued, printed or not. Only these are terminated and printed for the client. */
export const CASCO_CONTRACT_STATUSES: readonly CascoQuoteStatus[] = ['issued', 'printed']

/** A priced case: what was priced is stored with it (HQ refuses a priced quote without its price). */
export const CASCO_PRICED_STATUSES: readonly CascoQuoteStatus[] = [
  ...PRICED_OPEN,
  'submitted',
  'approved',
  'approved-with-conditions',
  'rejected',
  ...CASCO_CONTRACT_STATUSES,
]
/** The terms a supervisor judged: from submission on they stay as submitted (a return to the clerk unlocks them). */
export const CASCO_TERMS_LOCKED_STATUSES: readonly CascoQuoteStatus[] = [
  'submitted',
  ...APPROVED,
  'rejected',
  ...CASCO_CONTRACT_STATUSES,
]

export function isCascoContract(status: unknown): boolean {
  return (CASCO_CONTRACT_STATUSES as readonly unknown[]).includes(status)
}

/**
 * A CASCO case (core/casco/cascoHandlers.ts, core/approval/approvalHandlers.ts): priced and submitted by the
 * clerk, decided by a supervisor (approval/decide — a return to the inspector changes the inspection and leaves
 * the quote submitted), issued as a contract once approved, printed once. An approval that expired unused is
 * submitted again. A termination sets or clears `terminated_on` on the contract and keeps its status. Rejected
 * and discarded are terminal.
 */
export const cascoLifecycle = defineLifecycle({
  table: 'casco_quote',
  statuses: CASCO_QUOTE_STATUSES,
  editable: { statuses: OPEN },
  transitions: [
    { from: null, to: 'draft', channel: 'casco/create-quote', action: 'casco.quote-created' },
    // A renewal starts as a new quote carrying the expiring contract's data (core/renewal).
    { from: null, to: 'draft', channel: 'casco/renew-contract', action: 'casco.renewal-created' },
    ...fromEach(OPEN, 'draft', { channel: 'casco/save-draft', action: 'casco.draft-saved' }),
    ...fromEach(OPEN, 'quoted', { channel: 'casco/calculate-quote', action: 'casco.quoted' }),
    ...staysIn(PRICED_OPEN, { channel: 'casco/choose-option', action: 'casco.option-chosen' }),
    ...fromEach(OPEN, 'discarded', { channel: 'casco/discard-quote', action: 'casco.discarded' }),
    ...fromEach(PRICED_OPEN, 'submitted', {
      channel: 'casco/submit-for-approval',
      action: 'casco.submitted',
      when: 'the chosen option is eligible and still priced as submitted',
    }),
    ...fromEach(APPROVED, 'submitted', {
      channel: 'casco/submit-for-approval',
      action: 'casco.submitted',
      when: 'the approval expired unused',
    }),
    { from: 'submitted', to: 'approved', channel: 'approval/decide', action: 'approval.approved' },
    {
      from: 'submitted',
      to: 'approved-with-conditions',
      channel: 'approval/decide',
      action: 'approval.approved-with-conditions',
    },
    { from: 'submitted', to: 'rejected', channel: 'approval/decide', action: 'approval.rejected' },
    {
      from: 'submitted',
      to: 'returned',
      channel: 'approval/decide',
      action: 'approval.returned',
      when: 'returned to the clerk',
    },
    ...fromEach(APPROVED, 'issued', { channel: 'casco/issue-contract', action: 'casco.issued' }),
    // The print registry lets the desk print a contract (core/casco/print/cascoDocuments.ts).
    { from: 'issued', to: 'printed', channel: 'print/print-document', action: 'casco.printed', by: DESK },
    ...staysIn(CASCO_CONTRACT_STATUSES, {
      channel: 'termination/complete-application',
      action: 'termination.completed',
    }),
    ...staysIn(CASCO_CONTRACT_STATUSES, { channel: 'termination/refuse-application', action: 'termination.refused' }),
  ],
})
