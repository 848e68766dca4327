import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasMessage } from '../i18n/messages'

/** Every file of the feature that names a message key: the core, the schemas and the screens. */
const SOURCES = [
  ...['../../core/blanks/', './', '../../renderer/src/features/blanks/'].flatMap((dir) => {
    const url = new URL(dir, import.meta.url)
    return readdirSync(url)
      .filter((f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => new URL(f, url))
  }),
]

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('blank messages', () => {
  it('exist for every key the feature names, in both locales', () => {
    const used = new Set<string>()
    for (const file of SOURCES) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`]((?:blanks|validation|errors|common)\.[a-zA-Z.]+)['`]/g))
        used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
