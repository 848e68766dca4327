import type { Page } from '@playwright/test'
import type { Core } from '../../core/app/createCore'
// The shell's own serving of preview files (no 'electron' import): the page gets them as the app's window does.
import { serveTransferFile } from '../../electron/main/transferFiles'

/**
 * Gives the page what the preload gives the Electron window: `window.branchDesk.invoke(channel, input)`,
 * bound to the same core dispatch the main process registers with ipcMain. The sender URL and frame come from
 * Playwright's binding source, so the core's sender check runs exactly as in the app.
 */
export async function bindCore(page: Page, core: Core, clientId: string): Promise<void> {
  await page.exposeBinding('__branchDeskInvoke', async (source, channel: unknown, input: unknown) =>
    core.dispatch(channel, input, {
      clientId,
      senderUrl: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    }),
  )
  // A preview's PDF is a one-time file the page loads from `transfer/<uuid>.pdf` beside itself; in the app the
  // app:// handler serves it from the core's transfer folder, here the same function does behind page.route.
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
}
