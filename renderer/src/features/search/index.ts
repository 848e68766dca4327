/** What the shell uses from search (scripts/featureBoundaries.test.ts): the app bar's search and its Ctrl+K palette. */
export { default as GlobalSearch } from './GlobalSearch.vue'
