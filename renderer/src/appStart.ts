import { createApp, type App as VueApp, type Component } from 'vue'
import { createPinia } from 'pinia'
import type { SessionState } from '@shared/session/contract'
import App from './App.vue'
import { i18n } from './plugins/i18n'
import { vuetify } from './plugins/vuetify'
import { completeVuetify } from './plugins/vuetifyComplete'
import { router } from './router'
import { useAppStatusStore } from './stores/appStatus'
import { confirmStartupState } from './stores/confirmStartupState'
import { useSessionStore } from './stores/session'
import { startupState } from './stores/startupState'

/**
 * The whole app — stores, vue-i18n, the router, the shell — a chunk of its own: main.ts starts it at once when the
 * window does not open on the start screen (renderer/src/startScreen.ts), otherwise the start screen loads it once
 * the sign-in is drawn and hands over to it (`takeOver`) when the clerk has signed in.
 */

/**
 * The first screen was drawn from the shell's startup state with no wait for the core; its live answers follow. A
 * check that fails leaves the screen as drawn: the next call to the core shows its error where it is made.
 */
function confirmFirstScreen(): void {
  const initial = startupState()
  if (initial)
    confirmStartupState(router, initial).catch((error: unknown) =>
      console.error('The startup state could not be checked with the core', error),
    )
}

/** A window that does not open on the start screen: the whole app at once, as every window started before. */
export function startApp(): void {
  completeVuetify()
  createApp(App).use(createPinia()).use(i18n).use(vuetify).use(router).mount('#app')
  confirmFirstScreen()
}

/**
 * The start screen's app (`app`, mounted, Vuetify installed) becomes the whole app: stores, vue-i18n and the router
 * installed on it (Vue looks plugins' provides and components up when a component is created, so those made from
 * now on see them), the router's first navigation settled; the start screen then shows the returned root in its
 * place. `signedIn`: the clerk signed in on the start screen — the session store takes that answer, the status store
 * loads as at any start. Null: the core's live answers told another first screen; they settle the route as in
 * `startApp`.
 */
export async function takeOver(app: VueApp, signedIn: SessionState | null): Promise<Component> {
  completeVuetify()
  const pinia = createPinia()
  app.use(pinia).use(i18n)
  if (signedIn) {
    useSessionStore(pinia).adopt(signedIn)
    useAppStatusStore(pinia)
      .load()
      .catch((error: unknown) => console.error('The app status could not be loaded', error))
  }
  app.use(router)
  if (!signedIn) confirmFirstScreen()
  await router.isReady()
  return App
}

/**
 * A sign-in on the start screen that the core answered after the screen had handed over for another reason (the live
 * answers came first): the store takes it and the route moves on as the sign-in route's would.
 */
export async function signedInLate(state: SessionState): Promise<void> {
  useSessionStore().adopt(state)
  await router.push(state.status === 'must-change-password' ? { name: 'change-password' } : { name: 'home' })
}
