import type { CallOrigin, Dispatch } from '../../core/ipc/dispatch'
import { startupArgument } from '../../shared/app/startupState'

/**
 * The renderer argument with what a new window's first screen needs, asked of the core before the window exists
 * (shared/app/startupState.ts), so the page draws first run or sign-in with no round trip first. The origin is the
 * app's own page with a client id no window holds: a new window has no session yet, and the core answers for it.
 * A core that cannot answer, or an answer that does not fit the schema, gives no argument: the page then asks
 * the core itself, as it would without one.
 */
export async function startupArguments(
  dispatch: Dispatch,
  senderUrl: string,
  log?: (message: string, error?: unknown) => void,
): Promise<string[]> {
  const origin: CallOrigin = { clientId: 'shell-startup', senderUrl, isMainFrame: true }
  try {
    const [status, session] = await Promise.all([
      dispatch('app/get-status', undefined, origin),
      dispatch('session/get-session', undefined, origin),
    ])
    if (!status.ok || !session.ok) throw new Error(`the core refused: ${JSON.stringify(status.ok ? session : status)}`)
    return [startupArgument({ status: status.value, session: session.value })]
  } catch (error) {
    log?.('The startup state for a new window could not be made; the page asks the core itself', error)
    return []
  }
}
