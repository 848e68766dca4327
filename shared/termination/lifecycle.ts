import { defineLifecycle, fromEach, staysIn } from '../lifecycle/lifecycle'
import { APPLICATION_STATUSES, OPEN_STATUSES } from './application'

/**
 * A termination application (core/termination/terminationHandlers.ts): received at the desk and changed there
 * while received; completed into a refund to pay (calculated), nothing to pay (closed) or a refusal (not eligible);
 * a refund above the threshold approved by a supervisor before it is paid; refused at any open step. A new
 * production calendar moves the payout deadline of an open application and keeps its status
 * (core/termination/payoutDeadlineRecalculation.ts). Paid, refused and closed are final.
 */
export const terminationLifecycle = defineLifecycle({
  table: 'termination_application',
  statuses: APPLICATION_STATUSES,
  editable: { statuses: ['received'] },
  transitions: [
    { from: null, to: 'received', channel: 'termination/register-application', action: 'termination.received' },
    { from: 'received', to: 'received', channel: 'termination/update-application', action: 'termination.updated' },
    { from: 'received', to: 'received', channel: 'termination/set-documents', action: 'termination.documents-checked' },
    ...(['calculated', 'closed', 'refused'] as const).map((to) => ({
      from: 'received' as const,
      to,
      channel: 'termination/complete-application' as const,
      action: 'termination.completed',
    })),
    {
      from: 'calculated',
      to: 'approved',
      channel: 'termination/approve-application',
      action: 'termination.approved',
      when: 'the calculation needs approval; not by the clerk who received it',
    },
    {
      from: 'calculated',
      to: 'paid',
      channel: 'termination/record-payout',
      action: 'termination.paid',
      when: 'the calculation needs no approval',
    },
    { from: 'approved', to: 'paid', channel: 'termination/record-payout', action: 'termination.paid' },
    ...fromEach(OPEN_STATUSES, 'refused', { channel: 'termination/refuse-application', action: 'termination.refused' }),
    ...staysIn(OPEN_STATUSES, { channel: null, action: 'termination.deadline-recalculated' }),
  ],
})
