/** What other parts of the core may use from core/osago (scripts/featureBoundaries.test.ts). */
export { searchText } from './osagoRows'
