import type { Channel } from '@shared/contract'
import { can as canFor } from '@shared/lifecycle/can'
import type { Lifecycle } from '@shared/lifecycle/lifecycle'
import { useSessionStore } from '../stores/session'

/**
 * What the signed-in user may do, for buttons and menus: `can(channel, record?)` from the contract's access and
 * the record's lifecycle (shared/lifecycle/can.ts). Screens ask this instead of naming roles or statuses, so a
 * button shows exactly when the core would accept the call. Reactive through the session store: used in a
 * template or a computed, it follows a sign-in or sign-out.
 */
export function useCan() {
  const session = useSessionStore()
  return {
    can: (channel: Channel, record?: { status: string } | null, lifecycle?: Lifecycle): boolean =>
      canFor(session.user?.role, channel, record, lifecycle),
  }
}
