/** What other features show from fiscal (scripts/featureBoundaries.test.ts): the register card on the admin's settings, and whether the register prints the payment dialogs' receipts. */
export { default as FiscalSettingsCard } from './FiscalSettingsCard.vue'
export { useReceiptByRegister } from './useReceiptByRegister'
