import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasMessage } from '../i18n/messages'
import { DOCUMENT_KINDS } from './contract'

const root = resolve(import.meta.dirname, '..', '..')
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('printing messages', () => {
  it('name every document kind and cover every key the code uses', () => {
    for (const kind of DOCUMENT_KINDS) expect(hasMessage('ru', `print.documents.${kind}`), kind).toBe(true)
    const used = new Set<string>()
    const files = [
      ...sources(join(root, 'core', 'print')),
      ...sources(join(root, 'electron', 'main')),
      join(root, 'shared', 'print', 'contract.ts'),
      ...sources(join(root, 'renderer', 'src', 'features', 'print')),
      join(root, 'renderer', 'src', 'features', 'settings', 'PrinterSettingsCard.vue'),
    ]
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(print\.[a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(20)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
