import { resolve } from 'node:path'

/**
 * Where every screen's picture goes (kept by CI as an artifact). Its own module so the layout check's self-test
 * (e2e/layoutCheck.spec.ts) loads without the core that e2e/harness/fixtures.ts starts.
 */
export const SCREENS_DIR = resolve(import.meta.dirname, '..', '..', 'e2e-artifacts', 'screens')
