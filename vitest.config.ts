import { defineConfig } from 'vitest/config'
import { resolve } from 'node:path'

export default defineConfig({
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
    ],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // The suites wait on fsync (SQLite synchronous=FULL) and PostgreSQL as much as on the CPU: one fork per core
    // (vitest's default leaves one core idle) halves the run on a 2-core machine.
    maxWorkers: '100%',
  },
})
