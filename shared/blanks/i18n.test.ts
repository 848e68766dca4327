import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import en from '../i18n/en/blanks'
import ru from '../i18n/ru/blanks'
import { hasMessage } from '../i18n/messages'

type Tree = { readonly [key: string]: string | Tree }
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const ruLeaves = new Map(leaves(ru as Tree))
const enLeaves = new Map(leaves(en as Tree))

/** Every file of the feature that names a message key: the core, the schemas and the screens. */
const SOURCES = [
  ...['../../core/blanks/', './', '../../renderer/src/features/blanks/'].flatMap((dir) => {
    const url = new URL(dir, import.meta.url)
    return readdirSync(url).filter((f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts')).map((f) => new URL(f, url))
  }),
]

describe('blank messages', () => {
  it('have the same keys and placeholders in Russian and English', () => {
    expect([...ruLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort())
    for (const [key, text] of ruLeaves) expect(placeholders(text), key).toEqual(placeholders(enLeaves.get(key)!))
  })

  it('exist for every key the feature names, in both locales', () => {
    const used = new Set<string>()
    for (const file of SOURCES) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`]((?:blanks|validation|errors|common)\.[a-zA-Z.]+)['`]/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
