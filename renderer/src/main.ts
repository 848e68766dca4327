import { createApp } from 'vue'
import { keepReadonlyOutOfTabOrder } from './composables/fieldFocus'
import { storedLocale } from './plugins/startupMessages'
import { vuetify } from './plugins/vuetify'
import { opensOnStartScreen } from './startScreen'
import StartRoot from './StartRoot.vue'
import { startupState } from './stores/startupState'
import './styles.css'

// The entry holds Vue, Vuetify and the sign-in card only (docs/decisions.md, renderer startup): a new window's
// sign-in is drawn by the start screen before the router, stores and vue-i18n have loaded; any other first screen
// starts the whole app (renderer/src/appStart.ts, a chunk of its own).
if (opensOnStartScreen(startupState(), storedLocale(), location.hash)) createApp(StartRoot).use(vuetify).mount('#app')
else
  import('./appStart')
    .then((m) => m.startApp())
    .catch((error: unknown) => console.error('The app could not be loaded', error))
// Read-only fields (an issued policy, a category fixed by the model) are not Tab stops anywhere in the app.
keepReadonlyOutOfTabOrder(document.body)
