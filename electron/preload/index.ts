import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, type BranchDeskApi } from '../../shared/contract'

/**
 * The only thing the page gets: `window.branchDesk.invoke(channel, input)`, limited to the contract's channels.
 * No ipcRenderer, no Node. The core validates everything again; this list just keeps the surface minimal.
 */
const allowed = new Set<string>(CHANNELS)

const api: BranchDeskApi = {
  invoke: (channel, input) => {
    if (!allowed.has(channel)) return Promise.reject(new Error(`Unknown channel: ${String(channel)}`))
    return ipcRenderer.invoke(channel, input)
  },
}

contextBridge.exposeInMainWorld('branchDesk', api)
