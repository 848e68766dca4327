import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HQ_HEAP_FLAGS, SYNC_HEAP_FLAGS } from '../shared/sync/heapFlags'

/**
 * The heap flags of the processes that sync have one source (shared/sync/heapFlags.ts); npm scripts cannot import
 * it, so the ones that start such a process are held to it here: HQ, and bench:sync (its devices run in its process).
 */
const scripts = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
).scripts

describe('heap flags of the processes that sync', () => {
  it.each([
    ['hq', HQ_HEAP_FLAGS],
    ['bench:sync', SYNC_HEAP_FLAGS],
  ] as const)('npm run %s starts Node with them', (name, flags) => {
    for (const flag of flags) expect(scripts[name]?.split(/\s+/)).toContain(flag)
  })
})
