import type { BranchDeskApi } from '../shared/contract'

declare global {
  interface Window {
    /** What the preload exposes in the app; bound to the real core by e2e/harness/bindCore.ts. */
    branchDesk: BranchDeskApi
  }
}

export {}
