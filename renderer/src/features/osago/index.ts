/** What other features may use from osago (scripts/featureBoundaries.test.ts): CASCO asks for the owner the same way. */
export { default as OwnerSection } from './OwnerSection.vue'
