import { createI18n } from 'vue-i18n'
import { MESSAGES } from '@shared/i18n/messages'

export const LOCALE_KEY = 'branch-desk.locale'

export const i18n = createI18n({
  legacy: false,
  locale: localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ru',
  fallbackLocale: 'ru',
  messages: MESSAGES as never,
  datetimeFormats: {
    ru: { short: { year: 'numeric', month: '2-digit', day: '2-digit' } },
    en: { short: { year: 'numeric', month: '2-digit', day: '2-digit' } },
  },
  missingWarn: false,
  fallbackWarn: false,
})
