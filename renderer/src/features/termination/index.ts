/** What other features may use from termination (scripts/featureBoundaries.test.ts): the home screen's deadlines. */
export { default as DeadlinesCard } from './DeadlinesCard.vue'
