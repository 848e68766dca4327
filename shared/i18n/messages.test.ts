import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MESSAGES, hasMessage, translate, type TypedTranslate } from './messages'
import type { LocaleFile } from './schema'
import enLock from './en/lock'
import ruLock from './ru/lock'

/**
 * The one test over every message (issue 11): Russian and English have the same keys and {placeholders}, no text is
 * empty, every file holds the one namespace it is named after, and every key the code names literally exists.
 * English keys are also checked at compile time (`satisfies LocaleFile<typeof ru>` in each English file); what the
 * compiler cannot see — placeholders, empty texts, keys written in templates and strings — is checked here.
 */
type Tree = { readonly [key: string]: string | Tree | readonly string[] }
type Locale = 'ru' | 'en'
const LOCALES: readonly Locale[] = ['ru', 'en']
const ROOT = join(import.meta.dirname, '..', '..')

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv)
  }
  return out
}
function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) walkFiles(p, out)
    else if (/\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p)
  }
  return out
}
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort()

const fileNames = (locale: Locale) =>
  readdirSync(join(import.meta.dirname, locale))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort()
const FILES: Record<Locale, Map<string, Tree>> = { ru: new Map(), en: new Map() }
for (const locale of LOCALES) {
  for (const name of fileNames(locale)) {
    const mod = (await import(`./${locale}/${name}.ts`)) as { default: Tree }
    FILES[locale].set(name, mod.default)
  }
}

describe('every message', () => {
  const ru = leaves(MESSAGES.ru)
  const en = leaves(MESSAGES.en)

  it('has the same keys in Russian and English', () => {
    expect(ru.size).toBeGreaterThan(1000)
    expect([...ru.keys()].filter((k) => !en.has(k))).toEqual([])
    expect([...en.keys()].filter((k) => !ru.has(k))).toEqual([])
  })

  it('is not empty', () => {
    for (const [locale, messages] of [
      ['ru', ru],
      ['en', en],
    ] as const) {
      expect([...messages].filter(([, text]) => text.trim() === '').map(([k]) => `${locale}:${k}`)).toEqual([])
    }
  })

  it('uses no «@» or «|», which vue-i18n would read as a link or a plural', () => {
    for (const [locale, messages] of [
      ['ru', ru],
      ['en', en],
    ] as const) {
      expect([...messages].filter(([, text]) => /[@|]/.test(text)).map(([k]) => `${locale}:${k}`)).toEqual([])
    }
  })

  it('never asks the user for a date in the storage format (issue 14: the premium panel asked for ГГГГ-ММ-ДД)', () => {
    // Dates are typed and shown as ДД.ММ.ГГГГ; YYYY-MM-DD is only what the app keeps inside.
    const iso = /ГГГГ-ММ-ДД|YYYY-MM-DD|MM\/DD/
    expect([...ru, ...en].filter(([, text]) => iso.test(text)).map(([k]) => k)).toEqual([])
  })

  it('has the same {placeholders} in Russian and English', () => {
    const differ = [...ru].filter(
      ([k, text]) => en.has(k) && placeholders(text).join() !== placeholders(en.get(k)!).join(),
    )
    expect(
      differ.map(([k, text]) => `${k}: ru {${placeholders(text).join()}} en {${placeholders(en.get(k)!).join()}}`),
    ).toEqual([])
  })
})

describe('message files', () => {
  it('are the same files in ru/ and en/', () => {
    expect(fileNames('en')).toEqual(fileNames('ru'))
  })

  it('each hold exactly the namespace named after the file, so no namespace is spread over two files', () => {
    for (const locale of LOCALES) {
      for (const [name, tree] of FILES[locale]) expect(Object.keys(tree), `${locale}/${name}.ts`).toEqual([name])
    }
  })

  it('are all merged into MESSAGES as they are', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort(), locale).toEqual(fileNames(locale))
      for (const [name, tree] of FILES[locale]) {
        expect((MESSAGES[locale] as unknown as Tree)[name], `${locale}/${name}.ts`).toEqual(tree[name])
      }
    }
  })
})

describe('translate', () => {
  it('fills parameters, falls back to Russian, then to the key', () => {
    expect(translate('en', 'common.shownOf', { shown: 3, total: 10 })).toBe('Showing 3 of 10')
    expect(translate('ru', 'common.shownOf', { shown: 3 })).toBe('Показано 3 из {total}')
    const runtimeKey: string = 'no.such.key'
    expect(translate('en', runtimeKey)).toBe('no.such.key')
    expect(hasMessage('ru', 'common.save')).toBe(true)
    expect(hasMessage('ru', 'common')).toBe(false)
  })
})

/** These lines are checked by `tsc -p tsconfig.json`: an `@ts-expect-error` that stops erring fails the typecheck. */
describe('message key types', () => {
  it('reject a literal key that names no message and accept run-time keys', () => {
    const t = ((key: string, named?: Record<string, string>) => translate('ru', key, named)) as TypedTranslate
    const runtimeKey: string = 'common.save'
    const status = 'paid' as 'paid' | 'closed'
    expect(t('common.save')).toBe('Сохранить')
    expect(t(runtimeKey)).toBe('Сохранить')
    expect(t(`termination.status.${status}`)).toBe('Выплачено')
    expect(translate('ru', 'common.shownOf', { shown: 1, total: 2 })).toBe('Показано 1 из 2')
    // @ts-expect-error -- no such message
    expect(t('common.sav')).toBe('common.sav')
    // @ts-expect-error -- a group, not a message
    expect(t('common')).toBe('common')
    // @ts-expect-error -- no message matches the template
    expect(t(`termination.statuz.${status}`)).toBe('termination.statuz.paid')
    // @ts-expect-error -- the core's translate is typed the same way
    expect(translate('en', 'errors.notFund')).toBe('errors.notFund')
  })

  it('make an English file with a key missing or extra fail the typecheck', () => {
    const complete = { lock: { ...enLock.lock } } satisfies LocaleFile<typeof ruLock>
    // @ts-expect-error -- `unlock` and the rest are missing
    const missing = { lock: { title: 'Locked' } } satisfies LocaleFile<typeof ruLock>
    // @ts-expect-error -- `extra` has no Russian text
    const extra = { lock: { ...enLock.lock, extra: 'Extra' } } satisfies LocaleFile<typeof ruLock>
    expect(Object.keys(complete.lock)).toEqual(Object.keys(ruLock.lock))
    expect(Object.keys(missing.lock).length + Object.keys(extra.lock).length).toBeGreaterThan(0)
  })
})

/**
 * Keys the code names literally. Strict places — `t(`, `$t(`, `te(`, `tm(`, `translate(…, `, `AppError('CODE', `, and
 * `message:`/`error:`/`key:`/`messageKey:` (zod messages, field errors, checker results) — must name a message
 * (`tm(` may name a group); a template key (`` `termination.status.${s}` ``) must start with a group that exists.
 * Anywhere else, a dotted string whose first two parts are a namespace and one of its children (so it is surely a
 * key, not a property path like `app.id`) must name a message or a group (code may append the last part).
 */
describe('keys used in the source', () => {
  const DIRS = ['core', 'shared', 'renderer/src', 'hq']
  // Tests are left out: they may name made-up keys on purpose (a stub translator, a fallback), and a test that
  // names a stale key fails by itself when it compares with what the code produces.
  const files = DIRS.flatMap((d) => walkFiles(join(ROOT, d))).filter(
    (f) => !f.includes(join('shared', 'i18n')) && !f.endsWith('.test.ts'),
  )
  const node = (key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>(
        (n, part) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[part] : undefined),
        MESSAGES.ru,
      )
  const isGroup = (key: string) => {
    const n = node(key)
    return typeof n === 'object' && n !== null
  }
  const NAMESPACES = Object.keys(MESSAGES.ru)
  const QUOTED = String.raw`(?<q>['"\`])(?<text>(?:[^'"\`\\\n]|\\.)*?)\k<q>`
  const STRICT_BEFORE = [
    String.raw`(?:(?<![\w.])\$?t|\bte|\b(tm))\(\s*`,
    String.raw`\btranslate\([^,()]*,\s*`,
    String.raw`\bAppError\(\s*'[A-Z_]+',\s*`,
    String.raw`\b(?:message|error|key|messageKey):\s*(?:\(\)\s*=>\s*)?`,
  ]
  const STRICT = new RegExp(`(?:${STRICT_BEFORE.join('|')})${QUOTED}`, 'g')
  const ANY = new RegExp(QUOTED, 'g')
  const KEYISH = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/

  /** `null` when the key is fine, otherwise why not. */
  function problem(raw: string, strict: boolean, groupAllowed: boolean): string | null {
    if (raw.includes('${')) {
      const prefix = raw.slice(0, raw.indexOf('${')).replace(/\.$/, '')
      if (!KEYISH.test(prefix) || !NAMESPACES.includes(prefix.split('.')[0]!)) return null
      if (!strict && node(prefix.split('.').slice(0, 2).join('.')) === undefined) return null
      return isGroup(prefix) ? null : 'no such group'
    }
    if (!KEYISH.test(raw)) return null
    const [namespace, child] = raw.split('.')
    if (!NAMESPACES.includes(namespace!)) return null
    if (!strict && node(`${namespace}.${child}`) === undefined) return null
    if (typeof node(raw) === 'string') return null
    if (isGroup(raw) && (groupAllowed || !strict)) return null
    return 'no such message'
  }

  function findProblems(source: string): string[] {
    const out: string[] = []
    const strictAt = new Set<number>()
    for (const m of source.matchAll(STRICT)) {
      const text = m.groups!.text!
      strictAt.add(m.index + m[0].length - text.length - 2)
      const why = problem(text, true, m[1] === 'tm')
      if (why) out.push(`${text} (${why})`)
    }
    for (const m of source.matchAll(ANY)) {
      if (strictAt.has(m.index)) continue
      const text = m.groups!.text!
      const why = problem(text, false, true)
      if (why) out.push(`${text} (${why})`)
    }
    return out
  }

  it('catches what it is meant to catch', () => {
    expect(findProblems(`t('common.save') + t('common.nope')`)).toEqual(['common.nope (no such message)'])
    expect(findProblems(`{{ $t("common.sav") }}`)).toEqual(['common.sav (no such message)'])
    expect(findProblems(`throw new AppError('NOT_FOUND', 'errors.notFund')`)).toEqual([
      'errors.notFund (no such message)',
    ])
    expect(findProblems(`z.string().min(1, { message: 'validation.nothing' })`)).toEqual([
      'validation.nothing (no such message)',
    ])
    expect(findProblems('t(`termination.statuz.${s}`) + t(`termination.status.${s}`)')).toEqual([
      'termination.statuz.${s} (no such group)',
    ])
    expect(findProblems(`translate(locale, 'osago.ceiling')`)).toEqual(['osago.ceiling (no such message)'])
    expect(findProblems(`tm('sections.osago.items')`)).toEqual([])
    // Outside the strict places: a path like app.id is not a key; a known group with a wrong last part is.
    expect(findProblems(`const a = 'app.id'; const b = 'errors.formError.value'`)).toEqual([])
    expect(findProblems(`fail('osago.ceiling.nope')`)).toEqual(['osago.ceiling.nope (no such message)'])
  })

  it('exist in the Russian messages', () => {
    const found: string[] = []
    let scanned = 0
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      scanned += [...source.matchAll(STRICT)].length
      for (const p of findProblems(source)) found.push(`${relative(ROOT, file)}: ${p}`)
    }
    expect(scanned).toBeGreaterThan(1000)
    expect(found).toEqual([])
  })
})

describe('the renderer', () => {
  it("translates through the typed useI18n of plugins/i18n.ts, not vue-i18n's own (whose keys are any string)", () => {
    const plugin = join('renderer', 'src', 'plugins', 'i18n.ts')
    const untyped = walkFiles(join(ROOT, 'renderer', 'src'))
      .filter((f) => !f.endsWith(plugin))
      .filter((f) => /\buseI18n\b[^\n]*from 'vue-i18n'|\$t\(/.test(readFileSync(f, 'utf8')))
    expect(untyped.map((f) => relative(ROOT, f))).toEqual([])
  })
})
