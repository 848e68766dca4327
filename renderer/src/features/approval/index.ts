/** What other features may use from approval (scripts/featureBoundaries.test.ts): a case's decisions. */
export { default as DecisionHistory } from './DecisionHistory.vue'
