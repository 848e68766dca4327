import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MESSAGES, hasMessage } from '../i18n/messages'
import { CASCO_QUOTE_STATUSES } from '../casco/contract'
import { INSPECTION_STATUSES } from '../inspection/inspection'
import { CONCLUSIONS } from '../inspection/report'
import { QUEUE_SCOPES } from './contract'
import { APPROVAL_DECISIONS, RETURN_TARGETS } from './decision'

function lookup(tree: unknown, k: string): unknown {
  return k
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    )
}

const ROOT = resolve(import.meta.dirname, '..', '..')
const SOURCES = [
  'core/casco',
  'core/approval',
  'core/casco/print',
  'shared/approval',
  'shared/casco',
  'renderer/src/features/casco',
  'renderer/src/features/approval',
]
function sourceFiles(): string[] {
  return SOURCES.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      // lifecycle.ts names audit actions (`casco.quoted`), not messages.
      .filter((f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts') && f !== 'lifecycle.ts')
      .map((f) => join(ROOT, dir, f)),
  ).filter(
    (f) =>
      !/shared\/casco\/(quote|pricing|conditions|underwriting|gapTable|errors|programsSchema|tariffSchema|schedule|quoteInput|quoteTypes|testFixtures)\.ts$/.test(
        f,
      ),
  )
}

// Russian/English parity of every message: shared/i18n/messages.test.ts.
describe('CASCO flow and approval messages', () => {
  it('cover every key the CASCO and approval code names literally', () => {
    const used = new Set<string>()
    const key = /['"`]((?:casco|approval|osago|errors|validation|common|print)\.[A-Za-z0-9.-]*[A-Za-z0-9])['"`]/g
    for (const file of sourceFiles()) {
      let src = readFileSync(file, 'utf8')
      if (file.endsWith('.vue')) {
        // In templates only what goes through t(): attribute expressions also look like dotted names.
        src = [...src.matchAll(/\bt\((['"`][^'"`]+['"`])/g)].map((m) => m[1]).join('\n')
      } else {
        // Audit action names are not messages.
        src = src.replace(/write\(db, [^,]+, '[^']+'/g, '').replace(/w\.audit\('[^']+'/g, '')
      }
      for (const m of src.matchAll(key)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    // A key may name a group whose members are picked by code (`casco.plans` + `.single`).
    const known = (locale: 'ru' | 'en', k: string) =>
      hasMessage(locale, k) || typeof lookup(MESSAGES[locale], k) === 'object'
    const missing = [...used].filter((k) => !known('ru', k) || !known('en', k))
    expect(missing).toEqual([])
  })

  it('cover every value the screens name by code', () => {
    const keys = [
      ...CASCO_QUOTE_STATUSES.map((s) => `casco.status.${s}`),
      ...APPROVAL_DECISIONS.map((d) => `approval.decisions.${d}`),
      ...RETURN_TARGETS.map((r) => `approval.returnTo.${r}`),
      ...QUEUE_SCOPES.map((s) => `approval.ui.scopes.${s}`),
      ...INSPECTION_STATUSES.map((s) => `casco.ui.approval.inspectionStatus.${s}`),
      ...CONCLUSIONS.map((c) => `approval.ui.outcome.${c}`),
      ...['damageFound', 'vinMismatch', 'trackingNotFound', 'acceptedWithExclusions', 'notAccepted'].map(
        (c) => `approval.checks.${c}`,
      ),
      'print.documents.casco-contract',
      'print.documents.casco-schedule',
    ]
    expect(keys.filter((k) => !hasMessage('ru', k) || !hasMessage('en', k))).toEqual([])
  })
})
