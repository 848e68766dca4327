/** What other parts of the core may use from core/termination (scripts/featureBoundaries.test.ts). */
export {
  NON_WORKING_DAY_RULE_RECOUNT,
  recalculatePayoutDeadlines,
  recountForNonWorkingDayRule,
} from './payoutDeadlineRecalculation'
export { searchTerminations } from './terminationSearch'
// The radar of the branch's dates (core/radar): payouts due and overdue with their late consequence, cooling-off
// windows closing — the same list the deadlines card shows, by the same rules.
export { listDeadlines } from './deadlines'
