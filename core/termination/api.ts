/** What other parts of the core may use from core/termination (scripts/featureBoundaries.test.ts). */
export {
  NON_WORKING_DAY_RULE_RECOUNT,
  recalculatePayoutDeadlines,
  recountForNonWorkingDayRule,
} from './payoutDeadlineRecalculation'
export { searchTerminations } from './terminationSearch'
