import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES } from '../../shared/contract/channels'
import type { BranchDeskApi } from '../../shared/contract'

/**
 * The only thing the page gets: `window.branchDesk.invoke(channel, input)`, limited to the contract's channels.
 * No ipcRenderer, no Node. The core validates everything again; this list just keeps the surface minimal.
 * It imports the plain list of names, never the contract (which would bundle zod and every schema in here).
 */
const allowed = new Set<string>(CHANNEL_NAMES)

const api: BranchDeskApi = {
  invoke: (channel, input) => {
    if (!allowed.has(channel)) return Promise.reject(new Error(`Unknown channel: ${String(channel)}`))
    return ipcRenderer.invoke(channel, input)
  },
}

contextBridge.exposeInMainWorld('branchDesk', api)
