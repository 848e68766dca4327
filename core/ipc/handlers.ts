import type { Locale } from '../../shared/app/contract'
import type { ParsedInputOf } from '../../shared/contract/channel'
import type { Channel, ChannelOutput, Contract } from '../../shared/contract'
import type { SessionUser } from '../../shared/session/contract'
import type { Actor } from '../db/write'

/** What a handler knows about its caller; built by the dispatcher after every check has passed. */
export interface HandlerContext {
  clientId: string
  locale: Locale
  /** Null only for public channels called before sign-in. */
  user: SessionUser | null
  actor: Actor
  now: Date
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<Contract[C]>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>>

/** The handler table: exactly one handler per contract channel (the type makes a missing one a compile error). */
export type Handlers = { [C in Channel]: Handler<C> }

export type HandlersOf<K extends Channel> = { [C in K]: Handler<C> }

export function requireUser(ctx: HandlerContext): SessionUser {
  if (!ctx.user) throw new Error('Handler called without a signed-in user; the dispatcher should have refused it')
  return ctx.user
}
