import { sectionRoutes } from '../../navigation'

/** The approval queue and one case to decide. */
export const approvalRoutes = sectionRoutes('approvals', () => import('./ApprovalsView.vue'), [
  { path: '/approvals/:id', name: 'approval-case', component: () => import('./ApprovalCaseView.vue') },
])
