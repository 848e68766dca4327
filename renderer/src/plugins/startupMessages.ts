import app from '@shared/i18n/ru/app'
import errors from '@shared/i18n/ru/errors'
import firstRun from '@shared/i18n/ru/firstRun'
import signIn from '@shared/i18n/ru/signIn'
import validation from '@shared/i18n/ru/validation'

/** Where the window's UI language is kept (renderer/public/startup.js reads the same key; api/client.test.ts). */
export const LOCALE_KEY = 'branch-desk.locale'

/** The language the window starts in: English only when chosen. */
export const storedLocale = (): 'ru' | 'en' => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ru')

/**
 * The Russian texts the sign-in screen shows (its card, fields, the first run's «branch created», the field messages
 * the core returns): the only messages in the entry chunk. The start screen (renderer/src/StartRoot.vue) shows them
 * through `startupTranslate` without vue-i18n; the whole app starts vue-i18n with them, and every other text, and
 * English, comes with `loadLocaleMessages` (plugins/i18n.ts). i18n.test.ts checks that the sign-in screen's keys are
 * here.
 */
export const STARTUP_MESSAGES = { ...app, ...errors, ...firstRun, ...signIn, ...validation }
