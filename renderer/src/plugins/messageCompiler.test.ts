import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { MESSAGES } from '@shared/i18n/messages'
import { compileMessage } from './messageCompiler'

/** Every message of both locales, as a key → text list. */
function leaves(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]): Array<[string, string]> => {
    const key = prefix ? `${prefix}.${k}` : k
    return typeof v === 'string' ? [[key, v]] : v && typeof v === 'object' ? leaves(v as object, key) : []
  })
}

const make = (custom: boolean) =>
  createI18n({
    legacy: false,
    locale: 'ru',
    messages: MESSAGES as unknown as Record<string, Record<string, unknown>>,
    missingWarn: false,
    fallbackWarn: false,
    ...(custom ? { messageCompiler: compileMessage } : {}),
  }).global

describe('compileMessage', () => {
  const ours = make(true)
  const theirs = make(false)

  it("renders every message of both locales as vue-i18n's own compiler does, parameters filled", () => {
    const differ: string[] = []
    let withParams = 0
    for (const locale of ['ru', 'en'] as const) {
      for (const [key, text] of leaves(MESSAGES[locale])) {
        const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
        if (names.length) withParams++
        const params = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 1234 : `«${n}»`]))
        ours.locale.value = locale
        theirs.locale.value = locale
        const a = ours.t(key, params)
        const b = theirs.t(key, params)
        if (a !== b || b === key) differ.push(`${locale}:${key}: ${a} ≠ ${b}`)
      }
    }
    expect(withParams).toBeGreaterThan(50)
    expect(differ).toEqual([])
  })

  it('fills parameters, leaves a missing one empty as vue-i18n does, and keeps text around braces', () => {
    const msg = compileMessage('Показано {shown} из {total}.', { locale: 'ru', key: 'k' } as never)
    ours.locale.value = 'ru'
    expect(ours.rt(msg, { shown: 3, total: 10 })).toBe('Показано 3 из 10.')
    expect(ours.rt('{a}{b}', { a: 'x', b: 0 })).toBe(theirs.rt('{a}{b}', { a: 'x', b: 0 }))
    expect(ours.rt('до {band} %', {})).toBe(theirs.rt('до {band} %', {}))
    expect(ours.rt('Нет параметров')).toBe('Нет параметров')
  })
})
