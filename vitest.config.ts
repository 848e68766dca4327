import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const ROOT = import.meta.dirname
const TESTED = ['shared', 'core', 'migrations', 'hq', 'bench', 'scripts', 'electron', 'renderer']

function testFilesIn(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts') && !e.parentPath.includes('node_modules'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
}

/**
 * The test files that replace a module (vi.mock, vi.doMock): a mocked module must not outlive its file, so these
 * keep a fresh module graph each. Found by reading the files, so a new one needs no list kept by hand.
 */
const MOCKING = TESTED.flatMap(testFilesIn).filter((f) =>
  /\bvi\.(do)?[mM]ock\(/.test(readFileSync(join(ROOT, f), 'utf8')),
)

/**
 * A project whose files share one module graph per worker (isolate: false): the graph (zod schemas, knex, pdfmake,
 * the handlers; Vue, Vuetify and the renderer's components) is imported once per worker instead of once per file —
 * the import was half the unit stage's time. Each file builds its own core, database or component and disposes of
 * them; state that must not outlive a file is not kept at module level (core/sync/pullAudit.test.ts says why the
 * Writer's process-wide registrations are reset where a test runs without a core).
 */
/**
 * The code's structure (which layer and feature may import what; writes only through the Writer): `npm run lint`
 * runs them (lint:structure), so `npm test` leaves this project out of its unit stage rather than run them twice.
 */
const STRUCTURE = [
  'scripts/featureBoundaries.test.ts',
  'scripts/importCycles.test.ts',
  'scripts/layering.test.ts',
  'scripts/writerOnly.test.ts',
]

const shared = (name: string, include: string[], exclude: string[] = []) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude: [...configDefaults.exclude, ...MOCKING, ...exclude],
    isolate: false,
    // A spy left behind by a failing file must not reach the next file in the same worker.
    restoreMocks: true,
  },
})

export default defineConfig({
  // Component tests mount the renderer's single-file components with Vuetify (its CSS imports need Vite's pipeline).
  plugins: [vue()],
  resolve: { alias: { '@shared': resolve(ROOT, 'shared') } },
  test: {
    // Five projects on one pool: four share a module graph per worker (pure TypeScript; the core and HQ under
    // Node; the renderer under happy-dom; the structure checks), and the files that mock a module run isolated.
    projects: [
      shared('shared', ['shared/**/*.test.ts']),
      shared(
        'core',
        [
          'core/**/*.test.ts',
          'migrations/**/*.test.ts',
          'hq/**/*.test.ts',
          'scripts/**/*.test.ts',
          'electron/**/*.test.ts',
          // The benches' small-N checks (bench/db/seed.test.ts): the seeding the 1M figures rest on.
          'bench/**/*.test.ts',
        ],
        STRUCTURE,
      ),
      shared('renderer', ['renderer/**/*.test.ts']),
      shared('structure', STRUCTURE),
      { extends: true, test: { name: 'isolated', include: MOCKING } },
    ],
    environment: 'node',
    server: { deps: { inline: ['vuetify'] } },
    testTimeout: 30_000,
    pool: 'forks',
    // The suites wait on fsync (SQLite synchronous=FULL) and PostgreSQL as much as on the CPU: one fork per core
    // (vitest's default leaves one core idle) halves the run on a 2-core machine.
    maxWorkers: '100%',
  },
})
