/** What other parts of the core may use from core/osago (scripts/featureBoundaries.test.ts). */
// The global search (core/search) asks each feature for its own hits.
export { searchOsago } from './osagoSearch'
