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
const text = (dirs: string[]) =>
  dirs
    .flatMap(files)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('sync messages', () => {
  // Audit action names (`sync.enrolled`) have two parts; message keys under `sync.` have three or more.
  it('exist for every key the device side names', () => {
    const source = text(['core/sync', 'shared/sync', 'renderer/src/features/sync', 'renderer/src/layout'])
    const used = new Set(
      [...source.matchAll(/['`]((?:sync\.[a-zA-Z]+|validation|errors|status)\.[a-zA-Z.-]+[a-zA-Z])['`]/g)].map(
        (m) => m[1]!,
      ),
    )
    expect(used.size).toBeGreaterThan(30)
    expect([...used].filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })

  it('explain every reason HQ can give for not taking a change, and every enrolment refusal', () => {
    const hq = text(['hq'])
    const reasons = new Set([
      ...[...hq.matchAll(/\b(?:reject|defer)\('([a-z-]+)'/g)].map((m) => m[1]!),
      ...[...hq.matchAll(/reason: \{ code: '([a-z-]+)'/g)].map((m) => m[1]!),
      ...['blob-hash-mismatch', 'blob-size-mismatch', 'blob-too-large', 'reference-invalid'],
    ])
    expect(reasons.size).toBeGreaterThan(25)
    expect(
      [...reasons].filter((c) => !hasMessage('ru', `sync.reasons.${c}`) || !hasMessage('en', `sync.reasons.${c}`)),
    ).toEqual([])
    const enrolment = readFileSync(join(root, 'hq/enrolment.ts'), 'utf8')
    const refusals = [...enrolment.matchAll(/HqHttpError\(40\d, '([a-z-]+)'/g)]
      .map((m) => m[1]!)
      .filter((c) => !c.startsWith('token') && c !== 'device-revoked')
    expect(refusals.length).toBeGreaterThan(3)
    expect(refusals.filter((c) => !hasMessage('ru', `sync.enrolErrors.${c}`))).toEqual([])
  })
})
