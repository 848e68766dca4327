import { aliases } from 'vuetify/iconsets/mdi-svg'
import { en } from 'vuetify/locale'
import { vuetify } from './vuetify'

/**
 * The rest of Vuetify's setup, which the sign-in card does not need (plugins/vuetify.ts keeps it out of the entry
 * chunk): mdi-svg's whole alias table (`$expand`, `$calendar`, `$sortAsc`… drawn by the app's screens) and the English
 * fallback locale. Called by appStart.ts before the whole app draws anything: Vuetify reads an alias when a component
 * renders its icon, so one added before that render is seen; the locale's messages are a ref.
 */
export function completeVuetify(): void {
  Object.assign(vuetify.icons.aliases, aliases)
  vuetify.locale.messages.value.en = en
}
