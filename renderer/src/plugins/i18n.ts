import { createI18n, useI18n as useVueI18n } from 'vue-i18n'
import { MESSAGES, type MessageSchema, type TypedTranslate } from '@shared/i18n/messages'
import type { Locale } from '@shared/app/contract'

declare module 'vue-i18n' {
  /**
   * The global message schema (vue-i18n's documented augmentation): key completion for `t`, typed `tm`. It does not
   * reject an unknown key — vue-i18n 11 types the key as `Key extends string` (`ComposerTranslation` in its
   * dist/vue-i18n.d.ts) — hence the stricter `t` of `useI18n` below.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmentation merges into vue-i18n's interface
  export interface DefineLocaleMessage extends MessageSchema {}
}

export const LOCALE_KEY = 'branch-desk.locale'

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ru',
  fallbackLocale: 'ru',
  messages: MESSAGES,
  datetimeFormats: {
    ru: { short: { year: 'numeric', month: '2-digit', day: '2-digit' } },
    en: { short: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  },
  // A missing key shows in the console while developing; a built app stays quiet (the key scan in
  // shared/i18n/messages.test.ts and the typed `t` keep keys from going missing in the first place).
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

type Composer = ReturnType<typeof useVueI18n<[MessageSchema], Locale>>

/**
 * vue-i18n's `useI18n` (global scope) with `t` narrowed to `TypedTranslate`: a literal key that names no message fails
 * vue-tsc; the same composer at run time.
 */
export function useI18n(): Omit<Composer, 't'> & { t: TypedTranslate } {
  return useVueI18n<[MessageSchema], Locale>()
}
