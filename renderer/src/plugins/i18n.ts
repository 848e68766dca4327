import { createI18n, useI18n as useVueI18n } from 'vue-i18n'
import type { MessageSchema, TypedTranslate } from '@shared/i18n/messages'
import type { Locale } from '@shared/app/contract'
import { compileMessage } from './messageCompiler'
import { LOCALE_KEY, STARTUP_MESSAGES, storedLocale } from './startupMessages'

declare module 'vue-i18n' {
  /**
   * The global message schema (vue-i18n's documented augmentation): key completion for `t`, typed `tm`. It does not
   * reject an unknown key — vue-i18n 11 types the key as `Key extends string` (`ComposerTranslation` in its
   * dist/vue-i18n.d.ts) — hence the stricter `t` of `useI18n` below.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmentation merges into vue-i18n's interface
  export interface DefineLocaleMessage extends MessageSchema {}
}

// The sign-in screen's Russian texts and the stored locale's key (plugins/startupMessages.ts, needed before vue-i18n
// loads): vue-i18n starts with those texts, the rest is loaded.
export { LOCALE_KEY, STARTUP_MESSAGES }

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'ru',
  // The schema is the whole locale; until loadLocaleMessages runs only the startup part exists (a missing key
  // would show as the key itself, which the router's await before every other screen rules out).
  messages: { ru: STARTUP_MESSAGES } as unknown as Record<Locale, MessageSchema>,
  // No datetimeFormats: vue-i18n's date function would write 12/05/2026 in English. Dates and times go through the one
  // formatter (composables/format.ts), ДД.ММ.ГГГГ ЧЧ:ММ in both languages; its scan test refuses vue-i18n's d.
  // A missing key shows in the console while developing; a built app stays quiet (the key scan in
  // shared/i18n/messages.test.ts and the typed `t` keep keys from going missing in the first place).
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
  // Our messages are text with {name} parameters only: a regular expression compiles them (messageCompiler.ts).
  messageCompiler: compileMessage,
})

/** One chunk per locale (plugins/locales/<locale>.ts, every namespace of it). */
const LOCALE_CHUNKS: Record<Locale, () => Promise<{ default: MessageSchema }>> = {
  ru: () => import('./locales/ru'),
  en: () => import('./locales/en'),
}
const loading = new Map<Locale, Promise<void>>()

/**
 * Every message of a locale, imported once (a failed import is tried again at the next call). The full set replaces
 * the startup part, of which it is a superset.
 */
export function loadLocaleMessages(locale: Locale): Promise<void> {
  let done = loading.get(locale)
  if (!done) {
    done = LOCALE_CHUNKS[locale]().then((m) => i18n.global.setLocaleMessage(locale, m.default))
    done.catch(() => loading.delete(locale))
    loading.set(locale, done)
  }
  return done
}

type Composer = ReturnType<typeof useVueI18n<[MessageSchema], Locale>>

/**
 * vue-i18n's `useI18n` (global scope) with `t` narrowed to `TypedTranslate`: a literal key that names no message fails
 * vue-tsc; the same composer at run time.
 */
export function useI18n(): Omit<Composer, 't'> & { t: TypedTranslate } {
  return useVueI18n<[MessageSchema], Locale>()
}

/**
 * What a screen's texts need before it shows: nothing more for a screen of `STARTUP_MESSAGES` in Russian (sign-in),
 * the whole current locale for any other.
 */
export function loadMessagesFor(startupScreen: boolean): Promise<void> {
  const locale = i18n.global.locale.value as Locale
  return startupScreen && locale === 'ru' ? Promise.resolve() : loadLocaleMessages(locale)
}
