import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './plugins/i18n'
import { vuetify } from './plugins/vuetify'
import { router } from './router'
import { confirmStartupState } from './stores/confirmStartupState'
import { startupState } from './stores/startupState'
import './styles.css'

createApp(App).use(createPinia()).use(i18n).use(vuetify).use(router).mount('#app')

// The first screen was drawn from the shell's startup state with no wait for the core; its live answers follow.
// A check that fails leaves the screen as drawn: the next call to the core shows its error where it is made.
const initial = startupState()
if (initial)
  confirmStartupState(router, initial).catch((error: unknown) =>
    console.error('The startup state could not be checked with the core', error),
  )
