/** What other features show from client (scripts/featureBoundaries.test.ts): the search's look-up at other branches. */
export { default as RemoteClientLookup } from './RemoteClientLookup.vue'
