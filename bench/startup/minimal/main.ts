// The yardstick of bench/startup/run.ts: the least a Vue 3 + Vuetify 3 sign-in card needs (two fields and a
// button, Vuetify's styles, one locale), built by the same Vite plugins as the app.
import { createApp, h } from 'vue'
import 'vuetify/styles'
import { createVuetify } from 'vuetify'
import { VApp } from 'vuetify/components/VApp'
import { VBtn } from 'vuetify/components/VBtn'
import { VCard, VCardText } from 'vuetify/components/VCard'
import { VMain } from 'vuetify/components/VMain'
import { VTextField } from 'vuetify/components/VTextField'

const vuetify = createVuetify()
createApp({
  render: () =>
    h(VApp, () =>
      h(VMain, () =>
        h(VCard, { maxWidth: 420, class: 'mx-auto mt-16', title: 'Вход' }, () =>
          h(VCardText, () => [
            h(VTextField, { label: 'Логин' }),
            h(VTextField, { label: 'Пароль', type: 'password' }),
            h(VBtn, { color: 'primary', block: true }, () => 'Войти'),
          ]),
        ),
      ),
    ),
})
  .use(vuetify)
  .mount('#app')
