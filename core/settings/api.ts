/** What other parts of the core may use from core/settings (scripts/featureBoundaries.test.ts). */
export { readSecurity } from './securitySettings'
