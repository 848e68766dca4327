import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasMessage } from '../i18n/messages'

const root = new URL('../../', import.meta.url).pathname
function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const path = join(root, dir, f)
    if (statSync(path).isDirectory()) return files(join(dir, f))
    return /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts') ? [path] : []
  })
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('backup and update messages', () => {
  // Audit action names (`backup.created`) have two parts; message keys have three or more.
  it('exist for every key the code names, and for every kind of form that can hold an update back', () => {
    const source = [
      'core/backup',
      'core/update',
      'shared/backup',
      'shared/update',
      'renderer/src/features/update',
      'renderer/src/features/settings',
    ]
      .flatMap(files)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    const used = new Set(
      [...source.matchAll(/['`]((?:backup|update|validation\.backup)\.[a-zA-Z]+\.[a-zA-Z.-]+[a-zA-Z])['`]/g)].map(
        (m) => m[1]!,
      ),
    )
    expect(used.size).toBeGreaterThan(25)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
    // Draft editors report their dirty state under their backup prefix; the core names the form by it.
    const renderer = files('renderer/src')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    const kinds = [...renderer.matchAll(/backupPrefix: '([a-z-]+)'/g)].map((m) => m[1]!)
    expect(kinds.length).toBeGreaterThanOrEqual(2)
    expect(
      kinds.filter((k) => !hasMessage('ru', `update.forms.${k}`) || !hasMessage('en', `update.forms.${k}`)),
    ).toEqual([])
  })
})
