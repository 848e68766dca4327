/** What other features may use from osago (scripts/featureBoundaries.test.ts): CASCO asks for the owner the same way. */
export { default as OwnerSection } from './OwnerSection.vue'
// The home screen calls out issued policies whose KBM re-check differs (docs/domain/kbm-check.md).
export { default as KbmFlaggedCard } from './KbmFlaggedCard.vue'
