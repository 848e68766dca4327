import { defineLifecycle } from '../lifecycle/lifecycle'
import { APPROVAL_DECISIONS } from './decision'

/**
 * A supervisor's decision on a CASCO case (core/approval/approvalHandlers.ts) is append-only: written once with its
 * outcome, never changed — a later decision is a new row. Its "status" is the outcome. What the decision does to
 * the case and its inspection is in their lifecycles (shared/casco/lifecycle.ts, shared/inspection/lifecycle.ts).
 */
export const approvalLifecycle = defineLifecycle({
  table: 'approval_decision',
  statusField: 'decision',
  statuses: APPROVAL_DECISIONS,
  editable: { statuses: [] },
  appendOnly: true,
  transitions: APPROVAL_DECISIONS.map((to) => ({
    from: null,
    to,
    channel: 'approval/decide' as const,
    action: `approval.${to}`,
  })),
})
