/** What other parts of the core may use from core/osago (scripts/featureBoundaries.test.ts). */
// The global search (core/search) asks each feature for its own hits.
export { searchOsago } from './osagoSearch'
// A renewal (core/renewal) starts a new draft from the expiring policy's and answers it as the form reads a policy.
export { findOsagoRecord, searchColumns as osagoSearchColumns, toPolicy } from './osagoRows'
// A change to an issued policy and a duplicate (core/osagoChange) read the policy, price its changed data on the
// conclusion date's tariff and move it onto a new blank.
export { policyNumberSearch } from './osagoRows'
export { priceOsago } from './osagoPricing'
// The KBM check (core/kbm) writes the register's answers into a draft as a save would, and reads issued policies.
export { saveDraftWithKbmAnswers } from './kbmDraft'
export { loadOsagoPolicy } from './osagoRows'
