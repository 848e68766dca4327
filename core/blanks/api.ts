/** What other parts of the core may use from core/blanks (scripts/featureBoundaries.test.ts): a blank's use. */
export { assignBlank, loseBlank, spoilBlank } from './blankUse'
