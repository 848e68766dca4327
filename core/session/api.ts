/** What other parts of the core may use from core/session (scripts/featureBoundaries.test.ts). */
export { SessionRegistry, type ClientSession } from './sessionRegistry'
