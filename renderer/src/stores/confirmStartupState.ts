import type { Router } from 'vue-router'
import type { StartupState } from '@shared/app/startupState'
import { useAppStatusStore } from './appStatus'
import { useSessionStore } from './session'

/**
 * After a first screen drawn from the shell's startup state: the core's live answers (asked by
 * renderer/public/startup.js while the page loaded) replace it in the stores, and when they tell another first
 * screen (the branch was made, or this window has a session, since the state was computed) the router settles the
 * current route again with them, as it would have had it waited for them.
 */
export async function confirmStartupState(router: Router, initial: StartupState): Promise<void> {
  const app = useAppStatusStore()
  const session = useSessionStore()
  const [status, state] = await Promise.all([app.load(), session.refresh()])
  if (status.firstRun === initial.status.firstRun && state.status === initial.session.status) return
  await router.isReady()
  await router.replace({ path: router.currentRoute.value.fullPath, force: true })
}
