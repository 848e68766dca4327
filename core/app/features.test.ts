import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../shared/contract'
import { DOCUMENT_KINDS } from '../../shared/print/contract'
import { SYNCED_TABLES } from '../db/syncedTables'
import { makeTestCore } from '../testing/testCore'
import { FEATURES } from './createCore'
import { foldHandlers, type CoreServices, type Feature } from './feature'

/**
 * createCore is the list FEATURES folded together: these tests keep the list, the feature folders, the synced
 * table map and the document kinds in step, so a feature added in one place and not the other fails here.
 */
const CORE = resolve(import.meta.dirname, '..')

describe('the features createCore is made of', () => {
  it('own exactly the synced tables of core/db/syncedTables.ts, each table one feature', () => {
    const declared = FEATURES.flatMap((f) => f.syncedTables)
    expect([...declared].sort()).toEqual(Object.keys(SYNCED_TABLES).sort())
    expect(new Set(declared).size, 'a table declared by two features').toBe(declared.length)
  })

  it('are each a core/<name>/app.ts, every app.ts is listed, and names are unique', async () => {
    const names = FEATURES.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    const folders = readdirSync(CORE).filter((d) => existsSync(join(CORE, d, 'app.ts')))
    expect(folders.sort()).toEqual([...names].sort())
    for (const folder of folders) {
      const mod = (await import(join(CORE, folder, 'app.ts'))) as Record<string, unknown>
      const exported = Object.values(mod).filter((v): v is Feature => FEATURES.includes(v as Feature))
      expect(
        exported.map((f) => f.name),
        `core/${folder}/app.ts`,
      ).toEqual([folder])
    }
  })

  it('refuse a channel answered twice or not at all', () => {
    const fake = (name: string, channels: string[]): Feature => ({
      name,
      handlers: () => Object.fromEntries(channels.map((c) => [c, async () => null])),
      syncedTables: [],
    })
    const core = {} as CoreServices
    const [a, b] = CHANNELS as [(typeof CHANNELS)[number], (typeof CHANNELS)[number]]
    expect(() => foldHandlers([fake('x', [a]), fake('y', [a, b])], core, [a, b])).toThrow(
      `Channel ${a} is handled by both x and y`,
    )
    expect(() => foldHandlers([fake('x', [a])], core, [a, b])).toThrow(`Channels without a handler: ${b}`)
    expect(Object.keys(foldHandlers([fake('x', [a]), fake('y', [b])], core, [a, b])).sort()).toEqual([a, b].sort())
  })

  describe('on a real core', () => {
    let t: Awaited<ReturnType<typeof makeTestCore>>
    beforeAll(async () => {
      t = await makeTestCore()
    })
    afterAll(async () => t.dispose())

    it('register every document kind of the print contract, each once', () => {
      expect(t.core.documents.kinds().sort()).toEqual([...DOCUMENT_KINDS].sort())
    })
  })
})
