/*
 * Runs as soon as it has arrived and the page is parsed, while the app's code is still loading and before it runs (a
 * deferred classic script in renderer/index.html's head, ahead of the app's module script): asks the core what the
 * first screen depends on — this window's language for the core's messages, the app's status, the session — so that
 * round trip overlaps the loading of the app instead of following it. The stores take the answers once for their
 * first load (renderer/src/api/client.ts `takeStartupAnswer`). Plain JavaScript copied as it is: Vite bundles only
 * module scripts, and bundled into the app's entry it would run only after the app's whole code had loaded.
 * A page with the shell's startup state (every new window) needs none of it before its first screen: nothing asked.
 */
;(() => {
  const api = window.branchDesk
  if (!api) return
  // A new window the shell gave its first screen's state (renderer/src/stores/startupState.ts, same test): it draws
  // from that state and confirms it with the core once drawn (renderer/src/startScreen.ts,
  // stores/confirmStartupState.ts); asking here would put three round trips before the first screen for answers
  // nothing waits for.
  const navigation = performance.getEntriesByType('navigation')[0]
  if (window.branchDeskStartupState && (!navigation || navigation.type === 'navigate')) return
  // The same key and default as renderer/src/plugins/i18n.ts (LOCALE_KEY; a test compares them).
  const locale = localStorage.getItem('branch-desk.locale') === 'en' ? 'en' : 'ru'
  const ask = (channel, input) =>
    Promise.resolve()
      .then(() => api.invoke(channel, input))
      .catch((e) => ({ ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }))
  window.branchDeskStartup = {
    'app/set-locale': ask('app/set-locale', { locale }),
    'app/get-status': ask('app/get-status'),
    'session/get-session': ask('session/get-session'),
  }
})()
