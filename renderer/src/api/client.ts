import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import type { ApiError, Result } from '@shared/contract/result'

/**
 * The renderer's only way to the core. Typed from the shared contract: a channel that does not exist, or a
 * wrong input shape, is a compile error. Session-level errors are broadcast so the shell can react once
 * (show the lock screen, go to sign-in) instead of every screen handling them.
 */
type SessionErrorListener = (error: ApiError) => void
const listeners = new Set<SessionErrorListener>()

export function onSessionError(listener: SessionErrorListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export async function call<C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
): Promise<Result<ChannelOutput<C>>> {
  let result: Result<ChannelOutput<C>>
  try {
    result = await window.branchDesk.invoke(channel, args[0] as ChannelInput<C>)
  } catch (e) {
    result = { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
  }
  return broadcastSessionError(result)
}

function broadcastSessionError<T>(result: Result<T>): Result<T> {
  if (!result.ok && ['SESSION_LOCKED', 'UNAUTHENTICATED'].includes(result.error.code)) {
    for (const l of listeners) l(result.error)
  }
  return result
}

/** The calls renderer/public/startup.js makes while the page loads, before the app's code runs. */
export type StartupChannel = 'app/set-locale' | 'app/get-status' | 'session/get-session'

/**
 * The answer to a call renderer/public/startup.js made before the app's code ran — once (the first load of the
 * store that needs it), then null: every later load asks the core anew. A session error in it reaches the
 * listeners as a `call`'s would.
 */
export function takeStartupAnswer<C extends StartupChannel>(channel: C): Promise<Result<ChannelOutput<C>>> | null {
  const early = window.branchDeskStartup
  const answer = early?.[channel] as Promise<Result<ChannelOutput<C>>> | undefined
  if (!early || !answer) return null
  delete early[channel]
  return answer.then(broadcastSessionError)
}

/** Like `call`, but throws the ApiError: for loads where a failure simply shows an error banner. */
export async function callOrThrow<C extends Channel>(
  channel: C,
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
): Promise<ChannelOutput<C>> {
  const r = await call(channel, ...args)
  if (!r.ok) throw r.error
  return r.value
}
