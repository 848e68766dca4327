/** What other features may use from update (scripts/featureBoundaries.test.ts): editors report unsaved forms. */
export { trackUnsavedForm } from './unsavedForms'
