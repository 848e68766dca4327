// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MESSAGES } from '@shared/i18n/messages'
import { sessionContract } from '@shared/session/contract'
import { STARTUP_MESSAGES } from './i18n'
import en from './locales/en'
import ru from './locales/ru'

/**
 * The renderer's messages come in two steps (docs/decisions.md, renderer startup): the sign-in screen's Russian texts
 * in the entry chunk, every locale whole in a chunk of its own. These tests keep the split from losing a text.
 */
const SRC = join(import.meta.dirname, '..')

function lookup(tree: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((n, part) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[part] : undefined), tree)
}

describe('the locale chunks', () => {
  it('hold every namespace of their locale, as the core merges them', () => {
    expect(ru).toEqual(MESSAGES.ru)
    expect(en).toEqual(MESSAGES.en)
  })
})

describe('the startup messages', () => {
  it("hold every key the sign-in screen names (its form, the card around it, the field messages' helper)", () => {
    const files = ['features/session/SignInForm.vue', 'layout/AuthCard.vue', 'composables/fieldErrors.ts']
    const keys = files.flatMap((f) =>
      [...readFileSync(join(SRC, f), 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]!),
    )
    expect(keys).toContain('signIn.login')
    expect(keys.filter((k) => typeof lookup(STARTUP_MESSAGES, k) !== 'string')).toEqual([])
  })

  it('hold every field message the sign-in input can produce', () => {
    const schema = sessionContract['session/sign-in'].input
    const bad = [{}, { login: '', password: '' }, { login: 'Я', password: 'x'.repeat(200) }, { login: 1, password: 2 }]
    const messages = bad.flatMap((input) => {
      const r = schema.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => i.message).filter((m) => m.startsWith('validation.'))
    })
    expect(messages).toContain('validation.login.format')
    expect(messages.filter((k) => typeof lookup(STARTUP_MESSAGES, k) !== 'string')).toEqual([])
  })

  it('are Russian texts as the Russian files have them', () => {
    for (const ns of Object.keys(STARTUP_MESSAGES) as (keyof typeof STARTUP_MESSAGES)[]) {
      expect(STARTUP_MESSAGES[ns]).toEqual(MESSAGES.ru[ns])
    }
  })
})

describe('loading a locale', () => {
  // The plugin is one per app: each test takes it as a fresh start of the app has it, not as an earlier test (or
  // another file in the same worker) left it.
  let i18n: (typeof import('./i18n'))['i18n']
  let loadMessagesFor: (typeof import('./i18n'))['loadMessagesFor']
  let loadLocaleMessages: (typeof import('./i18n'))['loadLocaleMessages']
  beforeEach(async () => {
    vi.resetModules()
    ;({ i18n, loadMessagesFor, loadLocaleMessages } = await import('./i18n'))
  })

  it('starts with the startup messages only and gets the rest when a screen past sign-in needs them', async () => {
    const t = i18n.global.t as (key: string) => string
    expect(t('signIn.login')).toBe('Логин')
    expect(i18n.global.te('nav.home', 'ru')).toBe(false)
    await loadMessagesFor(true) // sign-in: nothing more
    expect(i18n.global.te('nav.home', 'ru')).toBe(false)
    await loadMessagesFor(false)
    expect(t('nav.home')).toBe(MESSAGES.ru.nav.home)
    expect(t('signIn.login')).toBe('Логин')
  })

  it('loads English whole before it is shown', async () => {
    expect(i18n.global.te('signIn.login', 'en')).toBe(false)
    await loadLocaleMessages('en')
    expect(i18n.global.t('signIn.login', {}, { locale: 'en' })).toBe(MESSAGES.en.signIn.login)
    expect(i18n.global.t('nav.home', {}, { locale: 'en' })).toBe(MESSAGES.en.nav.home)
  })
})
