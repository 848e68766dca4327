/** What other features may use from print (scripts/featureBoundaries.test.ts): the document buttons. */
export { default as DocumentActions } from './DocumentActions.vue'
export { usePrint } from './usePrint'
