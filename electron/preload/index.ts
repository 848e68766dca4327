import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES } from '../../shared/contract/channels'
import type { BranchDeskApi } from '../../shared/contract'
import { readStartupArgument } from '../../shared/app/startupArgument'

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

// What the first screen needs, from the shell (electron/main/startupState.ts, checked there against the shared
// schema before it became this process's argument): data only, copied into the page by the bridge, read-only there.
// Without zod here (the preload stays small); the page treats it as the core's earlier answers and asks again.
const startup = readStartupArgument(process.argv)
if (startup && typeof startup === 'object') contextBridge.exposeInMainWorld('branchDeskStartupState', startup)
