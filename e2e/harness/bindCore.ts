import type { Page } from '@playwright/test'
import type { Core } from '../../core/app/createCore'
// The shell's own serving of preview files (no 'electron' import): the page gets them as the app's window does.
import { serveTransferFile } from '../../electron/main/transferFiles'
import { startupStateSchema } from '../../shared/app/startupState'
import { E2E_BASE_URL } from '../../playwright.config'

/**
 * Gives the page what the preload gives the Electron window: `window.branchDesk.invoke(channel, input)`,
 * bound to the same core dispatch the main process registers with ipcMain. The sender URL and frame come from
 * Playwright's binding source, so the core's sender check runs exactly as in the app.
 */
export async function bindCore(
  page: Page,
  core: Core,
  clientId: string,
  // The startup bench passes false: Playwright pauses every request of a page with a route, a cost at each file
  // the app's window does not pay, and a start shows no preview (bench/startup/run.ts).
  { previews = true }: { previews?: boolean } = {},
): Promise<void> {
  await page.exposeBinding('__branchDeskInvoke', async (source, channel: unknown, input: unknown) =>
    core.dispatch(channel, input, {
      clientId,
      senderUrl: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    }),
  )
  // A preview's PDF is a one-time file the page loads from `transfer/<uuid>.pdf` beside itself; in the app the
  // app:// handler serves it from the core's transfer folder, here the same function does behind page.route.
  if (previews)
    await page.route('**/transfer/*', async (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop() ?? ''
      const response = await serveTransferFile(core.previews.dir, name)
      await route.fulfill({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: Buffer.from(await response.arrayBuffer()),
      })
    })
  await page.addInitScript(() => {
    // globalThis is the page's window; named so, this file also compiles without the DOM's types (the startup
    // bench runs it from the Node program).
    const invoke = (globalThis as unknown as { __branchDeskInvoke: (c: unknown, i: unknown) => Promise<unknown> })
      .__branchDeskInvoke
    Object.defineProperty(globalThis, 'branchDesk', {
      value: Object.freeze({ invoke: (channel: unknown, input: unknown) => invoke(channel, input) }),
      writable: false,
      configurable: false,
    })
  })
  await offerStartupState(page, core, clientId)
}

/**
 * What the shell does before it creates a window (electron/main/startupState.ts), at each `page.goto` here: the
 * startup state asked of the real core for this page's client and checked against the shared schema, handed to
 * the page before its scripts run. Computed per navigation, not once, because a test arranges data (a branch, a
 * session) between binding the page and opening it. Init scripts run in the order they were added, so the last
 * navigation's state is the one the page sees.
 */
async function offerStartupState(page: Page, core: Core, clientId: string): Promise<void> {
  await page.addInitScript(() => {
    let state: unknown = null
    Object.defineProperty(globalThis, '__branchDeskOfferStartup', {
      value: (s: unknown) => (state = Object.freeze(s)),
      configurable: true,
    })
    Object.defineProperty(globalThis, 'branchDeskStartupState', { get: () => state, configurable: false })
  })
  const goto = page.goto.bind(page)
  page.goto = async (url, options) => {
    // The page's own URL once loaded: the core answers only the app's pages.
    const origin = { clientId, senderUrl: new URL(url, E2E_BASE_URL).href, isMainFrame: true }
    const [status, session] = await Promise.all([
      core.dispatch('app/get-status', undefined, origin),
      core.dispatch('session/get-session', undefined, origin),
    ])
    if (status.ok && session.ok) {
      const state = startupStateSchema.parse({ status: status.value, session: session.value })
      await page.addInitScript(
        (s) => (globalThis as unknown as { __branchDeskOfferStartup(s: unknown): void }).__branchDeskOfferStartup(s),
        state,
      )
    }
    return goto(url, options)
  }
}
