// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { i18n } from './i18n'
import { STARTUP_MESSAGES } from './startupMessages'
import { startupTranslate } from './translate'

/** Every message of a tree as key → text. */
function leaves(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]): Array<[string, string]> => {
    const key = prefix ? `${prefix}.${k}` : k
    return typeof v === 'string' ? [[key, v]] : v && typeof v === 'object' ? leaves(v as object, key) : []
  })
}

describe('startupTranslate', () => {
  it('renders every startup message as vue-i18n does in the whole app, parameters filled or missing', () => {
    const t = i18n.global.t as (key: string, named: Record<string, unknown>) => string
    const all = leaves(STARTUP_MESSAGES)
    expect(all.filter(([, text]) => /\{\w+\}/.test(text)).length).toBeGreaterThan(3)
    const differ: string[] = []
    for (const [key, text] of all) {
      const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      const full = Object.fromEntries(names.map((n, i) => [n, i % 2 ? 42 : `«${n}»`]))
      for (const params of [full, {}]) {
        const ours = startupTranslate(key, params)
        if (ours !== t(key, params) || ours === key) differ.push(`${key}: ${ours} ≠ ${t(key, params)}`)
      }
    }
    expect(differ).toEqual([])
  })

  it('shows a key outside the startup set as the key', () => {
    expect(startupTranslate('signIn.login')).toBe('Логин')
    expect(startupTranslate('nav.home')).toBe('nav.home')
    expect(startupTranslate('signIn')).toBe('signIn')
  })
})
