import type { Page } from '@playwright/test'
import type { Core } from '../../core/app/createCore'

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
    }))
  await page.addInitScript(() => {
    const invoke = (window as unknown as { __branchDeskInvoke: (c: unknown, i: unknown) => Promise<unknown> }).__branchDeskInvoke
    Object.defineProperty(window, 'branchDesk', {
      value: Object.freeze({ invoke: (channel: unknown, input: unknown) => invoke(channel, input) }),
      writable: false,
      configurable: false,
    })
  })
}
