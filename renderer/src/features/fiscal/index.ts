/** What other features show from fiscal (scripts/featureBoundaries.test.ts): the register card on the admin's settings. */
export { default as FiscalSettingsCard } from './FiscalSettingsCard.vue'
