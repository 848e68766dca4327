/// <reference types="vite/client" />
import type { BranchDeskApi } from '@shared/contract'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or by the E2E harness — the only way to reach the core. */
    branchDesk: BranchDeskApi
    /** The calls renderer/public/startup.js made before the app's code loaded, until a store takes each answer. */
    branchDeskStartup?: Partial<Record<import('./api/client').StartupChannel, Promise<unknown>>>
    /** What the shell computed for this window's first screen (renderer/src/stores/startupState.ts). */
    branchDeskStartupState?: import('@shared/app/startupState').StartupState
  }
}

export {}
