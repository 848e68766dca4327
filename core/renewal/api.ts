/** What other parts of the core may use from core/renewal (scripts/featureBoundaries.test.ts). */
// The radar of the branch's dates (core/radar): the same worklist «Истекают в ближайшие 60 дней», by the same window.
export { listExpiring } from './expiringList'
