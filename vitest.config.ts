import { defineConfig } from 'vitest/config'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  // Component tests mount the renderer's single-file components with Vuetify (its CSS imports need Vite's pipeline).
  plugins: [vue()],
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: [
      'shared/**/*.test.ts',
      'core/**/*.test.ts',
      'electron/**/*.test.ts',
      'migrations/**/*.test.ts',
      'scripts/**/*.test.ts',
      'hq/**/*.test.ts',
      'renderer/**/*.test.ts',
      // The benches' small-N checks (bench/db/seed.test.ts): the seeding the 1M figures rest on.
      'bench/**/*.test.ts',
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
