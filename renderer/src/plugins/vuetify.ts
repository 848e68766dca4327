import 'vuetify/styles'
import { createVuetify } from 'vuetify'
import { VSvgIcon } from 'vuetify/components/VIcon'
import { ru } from 'vuetify/locale'
import { STARTUP_ICON_ALIASES } from './startupIcons'

/**
 * The Vuetify of the entry chunk (docs/decisions.md, renderer startup): what the sign-in card draws — the mdi-svg
 * set with only the aliases the card can show, the Russian locale. The rest of mdi-svg's alias table and the English
 * fallback locale come with the whole app (`completeVuetify`, plugins/vuetifyComplete.ts, called by appStart.ts
 * before anything else is drawn); English is only ever a fallback (Vuetify's locale stays Russian, whose table has
 * every key of English's: vuetify.test.ts).
 */
export const vuetify = createVuetify({
  // mdi-svg's set is `{ component: VSvgIcon }`; its module is not imported here, as it carries the whole alias table.
  icons: { defaultSet: 'mdi', aliases: { ...STARTUP_ICON_ALIASES }, sets: { mdi: { component: VSvgIcon } } },
  locale: { locale: 'ru', fallback: 'en', messages: { ru } },
  theme: {
    defaultTheme: 'branch',
    themes: {
      branch: {
        dark: false,
        colors: {
          primary: '#1B4F8C',
          secondary: '#455A64',
          surface: '#FFFFFF',
          background: '#F3F5F8',
          error: '#B3261E',
          warning: '#9A6700',
          success: '#1E7B34',
        },
      },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VSelect: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VBtn: { rounded: 'sm' },
    // A toggle's choices are units and document names written as they are spelt («кВт», «л. с.»); a button's
    // uppercase transform made «кВт» read «КВТ».
    VBtnToggle: { VBtn: { class: 'text-none' } },
  },
})
