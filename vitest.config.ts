import { defineConfig } from 'vitest/config'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  // Component tests mount the renderer's single-file components with Vuetify (its CSS imports need Vite's pipeline).
  plugins: [vue()],
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    // Two projects on one pool. shared/ is pure TypeScript (no database, no DOM, no module state, no mocks): its
    // files run in one module graph per worker (isolate: false), which cut that part's import time about fourfold
    // (zod schemas and fast-check loaded once, not per file). Everything else keeps a fresh module graph per file.
    projects: [
      { extends: true, test: { name: 'shared', include: ['shared/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'app',
          include: [
            'core/**/*.test.ts',
            'electron/**/*.test.ts',
            'migrations/**/*.test.ts',
            'scripts/**/*.test.ts',
            'hq/**/*.test.ts',
            'renderer/**/*.test.ts',
            // The benches' small-N checks (bench/db/seed.test.ts): the seeding the 1M figures rest on.
            'bench/**/*.test.ts',
          ],
        },
      },
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
