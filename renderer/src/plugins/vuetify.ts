import 'vuetify/styles'
import { createVuetify } from 'vuetify'
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg'
import { en, ru } from 'vuetify/locale'

export const vuetify = createVuetify({
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  locale: { locale: 'ru', fallback: 'en', messages: { ru, en } },
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
