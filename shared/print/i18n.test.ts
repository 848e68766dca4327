import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../i18n/en/print'
import ru from '../i18n/ru/print'
import { hasMessage } from '../i18n/messages'
import { DOCUMENT_KINDS } from './contract'

type Tree = { readonly [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const root = resolve(import.meta.dirname, '..', '..')
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

describe('printing messages', () => {
  const ruKeys = leaves(ru as Tree)
  const enKeys = leaves(en as Tree)
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

  it('have the same keys and placeholders in Russian and English', () => {
    expect([...ruKeys.keys()].sort()).toEqual([...enKeys.keys()].sort())
    for (const [key, text] of ruKeys) expect(placeholders(text), key).toEqual(placeholders(enKeys.get(key)!))
  })

  it('name every document kind and cover every key the code uses', () => {
    for (const kind of DOCUMENT_KINDS) expect(hasMessage('ru', `print.documents.${kind}`), kind).toBe(true)
    const used = new Set<string>()
    const files = [...sources(join(root, 'core', 'print')), ...sources(join(root, 'electron', 'main')), join(root, 'shared', 'print', 'contract.ts'),
      ...sources(join(root, 'renderer', 'src', 'features', 'print')), join(root, 'renderer', 'src', 'features', 'settings', 'PrinterSettingsCard.vue')]
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(print\.[a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
