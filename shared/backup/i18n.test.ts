import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import enBackup from '../i18n/en/backup'
import ruBackup from '../i18n/ru/backup'
import enUpdate from '../i18n/en/update'
import ruUpdate from '../i18n/ru/update'
import { hasMessage } from '../i18n/messages'

type Tree = { readonly [key: string]: string | Tree }
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

const root = new URL('../../', import.meta.url).pathname
function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const path = join(root, dir, f)
    if (statSync(path).isDirectory()) return files(join(dir, f))
    return /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts') ? [path] : []
  })
}

describe('backup and update messages', () => {
  it('have the same keys and placeholders in Russian and English', () => {
    for (const [ru, en] of [[ruBackup, enBackup], [ruUpdate, enUpdate]] as Array<[Tree, Tree]>) {
      const r = new Map(leaves(ru))
      const e = new Map(leaves(en))
      expect([...r.keys()].sort()).toEqual([...e.keys()].sort())
      for (const [key, value] of r) expect(placeholders(value), key).toEqual(placeholders(e.get(key)!))
    }
  })

  // Audit action names (`backup.created`) have two parts; message keys have three or more.
  it('exist for every key the code names, and for every kind of form that can hold an update back', () => {
    const source = ['core/backup', 'core/update', 'shared/backup', 'shared/update', 'renderer/src/features/update', 'renderer/src/features/settings']
      .flatMap(files).map((f) => readFileSync(f, 'utf8')).join('\n')
    const used = new Set([...source.matchAll(/['`]((?:backup|update|validation\.backup)\.[a-zA-Z]+\.[a-zA-Z.-]+[a-zA-Z])['`]/g)].map((m) => m[1]!))
    expect(used.size).toBeGreaterThan(25)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
    // Draft editors report their dirty state under their backup prefix; the core names the form by it.
    const renderer = files('renderer/src').map((f) => readFileSync(f, 'utf8')).join('\n')
    const kinds = [...renderer.matchAll(/backupPrefix: '([a-z-]+)'/g)].map((m) => m[1]!)
    expect(kinds.length).toBeGreaterThanOrEqual(2)
    expect(kinds.filter((k) => !hasMessage('ru', `update.forms.${k}`) || !hasMessage('en', `update.forms.${k}`))).toEqual([])
  })
})
