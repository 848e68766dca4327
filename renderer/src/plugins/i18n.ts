import { createI18n } from 'vue-i18n'
import { MESSAGES } from '@shared/i18n/messages'

export const LOCALE_KEY = 'branch-desk.locale'

export const i18n = createI18n({
  legacy: false,
  locale: localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ru',
  fallbackLocale: 'ru',
  messages: MESSAGES as never,
  missingWarn: false,
  fallbackWarn: false,
})
