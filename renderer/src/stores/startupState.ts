import type { StartupState } from '@shared/app/startupState'

/**
 * The state the shell handed this page for its first screen (shared/app/startupState.ts; the preload, or the E2E
 * harness in its place, puts it on `window.branchDeskStartupState`), or null. Only for a page loaded by navigation:
 * a reload (the shell reloads a page whose process crashed) keeps the window's session in the core, so the state
 * made when the window was created may be out of date; that page asks the core first, as every page did before.
 * Read by the stores' start values; the core's live answers follow and win (renderer/src/main.ts).
 */
export function startupState(): StartupState | null {
  const state = window.branchDeskStartupState
  if (!state || typeof state !== 'object') return null
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
  if (navigation && navigation.type !== 'navigate') return null
  return state
}
