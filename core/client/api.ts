/** What other parts of the core may use from core/client (scripts/featureBoundaries.test.ts). */
export { searchClients } from './clientSearch'
// The OSAGO application prints the consent recorded on the insured's card.
export { consentFor } from './clientCard'
// Personal data at rest (createCore starts the check) and the admin's home lines about personal data.
export { osAtRestPlatform, RecordingAtRestPlatform, type AtRestPlatform, type AtRestState } from './atRest'
export { personalDataAttention } from './retention'
