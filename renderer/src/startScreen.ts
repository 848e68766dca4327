import type { App, Component } from 'vue'
import type { StartupState } from '@shared/app/startupState'
import type { Result } from '@shared/contract/result'
import type { SessionState } from '@shared/session/contract'
import { call } from './api/client'
import { loadVAlert } from './layout/alertOnDemand'

/**
 * Whether this window opens on the start screen (renderer/src/StartRoot.vue: the sign-in card with Vue and Vuetify
 * only, the router, stores and vue-i18n loaded after it is drawn) rather than on the whole app. Only where the whole
 * app would show that same sign-in in Russian: the shell's startup state says the branch exists and the window is
 * signed out (every new window), the window is in Russian (the startup texts are Russian; English loads its
 * locale with the app), and the address names no other screen (the app opens at its root; the E2E harness opens
 * `#/sign-in`). A reloaded page has no startup state (stores/startupState.ts) and starts the whole app.
 */
export function opensOnStartScreen(initial: StartupState | null, locale: 'ru' | 'en', hash: string): boolean {
  return (
    initial !== null &&
    !initial.status.firstRun &&
    initial.session.status === 'signed-out' &&
    locale === 'ru' &&
    ['', '#', '#/', '#/sign-in'].includes(hash)
  )
}

/**
 * What the start screen does (renderer/src/StartRoot.vue): `signIn` for its card, `whenDrawn` once it is mounted.
 * `show` puts the whole app's root in place of the card once `takeOver` (renderer/src/appStart.ts) has installed it
 * on `app`, the start screen's own app.
 */
export function startScreen(app: App, show: (root: Component) => void) {
  type AppStart = typeof import('./appStart')
  let loading: Promise<AppStart> | null = null
  function loadApp(): Promise<AppStart> {
    if (!loading) {
      loading = import('./appStart')
      loading.catch(() => (loading = null)) // a failed load is tried again at the next need
    }
    return loading
  }

  let handing: Promise<void> | null = null
  async function handOver(signedIn: SessionState | null): Promise<void> {
    if (handing) {
      await handing
      if (signedIn) await (await loadApp()).signedInLate(signedIn)
      return
    }
    const mine = loadApp()
      .then((m) => m.takeOver(app, signedIn))
      .then((root) => {
        show(root)
      })
    handing = mine
    mine.catch((error: unknown) => {
      handing = null
      console.error('The app could not be loaded', error)
    })
    await mine
  }

  let confirming: Promise<void> | null = null
  /**
   * The core's live answers for the state the card was drawn from (asked once the card is drawn, as
   * stores/confirmStartupState.ts does for the whole app): this window's language for the core's messages first,
   * then, when the branch or the session is not what the card assumed (signed out, the branch set up), the whole app
   * takes over and settles the route with the core.
   */
  function confirm(): Promise<void> {
    confirming ??= Promise.all([
      call('app/set-locale', { locale: 'ru' }),
      call('app/get-status'),
      call('session/get-session'),
    ]).then(([, status, session]) => {
      const same = status.ok && !status.value.firstRun && session.ok && session.value.status === 'signed-out'
      if (!same) handOver(null).catch(() => undefined)
    })
    return confirming
  }

  /** The card's sign-in: the core's answer, and on success the whole app in place (the button spins until then). */
  async function signIn(login: string, password: string): Promise<Result<SessionState>> {
    void loadApp()
    // The card's alert (layout/alertOnDemand.ts) loads while the core checks the password, so a refusal shows with no
    // module left to load. Not in the idle time after the card is drawn: the start measured slower with it there
    // (bench:startup medians, one run each: 195 ms with it, 178 ms without; the build before this change 193–197 ms).
    loadVAlert().catch(() => undefined)
    // The core answers in the window's language: asked before the first sign-in (done already once the card was
    // idle).
    await confirm()
    const r = await call('session/sign-in', { login, password })
    if (r.ok) await handOver(r.value)
    return r
  }

  /** After the card is drawn and takes keys (an idle moment): the live answers, and the rest of the app while the
   * clerk types. */
  function whenDrawn(): void {
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1))
    idle(() => {
      void confirm()
      void loadApp()
    })
  }

  return { signIn, whenDrawn }
}
