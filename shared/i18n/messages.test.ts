import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from './messages'

/**
 * One parity test over every message (issue 11): replaces the per-feature copies of «ru and en have the same keys».
 * The feature tests (shared/<feature>/i18n.test.ts) keep what is specific to them: that every key the code names exists.
 */
type Tree = { readonly [key: string]: string | Tree }
type Locale = 'ru' | 'en'
const LOCALES: readonly Locale[] = ['ru', 'en']

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
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

/**
 * Files whose top-level keys are not just their own name, as they are today (issue 11: «namespaces do not match
 * files»). To be removed: each entry goes when its file holds one namespace named after it. The test fails when a
 * file not listed here adds a foreign namespace, and when a listed file changes (so the list stays true).
 */
const KNOWN_FOREIGN_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  backup: ['backup', 'validation'],
  blanks: ['blanks', 'validation'],
  cascoUi: ['approval', 'casco', 'print'],
  common: ['errors', 'files', 'roles', 'validation'],
  inspection: ['inspection', 'photos', 'print'],
  osagoForm: ['osago'],
  shell: [
    'app',
    'changePassword',
    'common',
    'firstRun',
    'home',
    'lock',
    'nav',
    'sections',
    'settings',
    'signIn',
    'staff',
    'status',
  ],
  sync: ['sync', 'validation'],
  terminationUi: ['print', 'terminationUi'],
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
  it('are the same files in ru/ and en/, with the same keys file by file', () => {
    expect(fileNames('en')).toEqual(fileNames('ru'))
    for (const name of fileNames('ru')) {
      const r = leaves(FILES.ru.get(name)!)
      const e = leaves(FILES.en.get(name)!)
      expect(
        [...r.keys()].filter((k) => !e.has(k)),
        `${name}: only in ru`,
      ).toEqual([])
      expect(
        [...e.keys()].filter((k) => !r.has(k)),
        `${name}: only in en`,
      ).toEqual([])
    }
  })

  it('are all merged into MESSAGES, no key of one file overridden by another', () => {
    for (const locale of LOCALES) {
      const merged = leaves(MESSAGES[locale])
      for (const [name, tree] of FILES[locale]) {
        const lost = [...leaves(tree)].filter(([k, text]) => merged.get(k) !== text).map(([k]) => k)
        expect(lost, `${locale}/${name}.ts`).toEqual([])
      }
    }
  })

  it('hold the namespace named after the file (known exceptions listed until they are removed)', () => {
    for (const locale of LOCALES) {
      for (const [name, tree] of FILES[locale]) {
        const expected = KNOWN_FOREIGN_NAMESPACES[name] ?? [name]
        expect(Object.keys(tree).sort(), `${locale}/${name}.ts`).toEqual([...expected].sort())
      }
    }
    // Every listed exception names a real file and really is an exception.
    for (const [name, namespaces] of Object.entries(KNOWN_FOREIGN_NAMESPACES)) {
      expect(FILES.ru.has(name), name).toBe(true)
      expect(namespaces.join(), name).not.toBe(name)
    }
  })
})
