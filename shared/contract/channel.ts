import type { z } from 'zod'
import type { Role } from './roles'

/**
 * Who may call a channel. 'public': before sign-in (status, sign-in, first-run). 'signed-in': any role.
 * A role list: only those roles. Every check happens in the core; the renderer only hides what it cannot use.
 */
export type Access = 'public' | 'signed-in' | readonly Role[]

export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I
  readonly access: Access
  /** Callable while the session is idle-locked (unlock, sign-out, state). */
  readonly whileLocked?: boolean
  /** Phantom: the output type, carried for the typed client; never set at runtime. */
  readonly output?: O
}

/** Declares a channel; the output type is given explicitly: `channel<Output>()({ input, access })`. */
export function channel<O>() {
  return <I extends z.ZodType>(def: { input: I; access: Access; whileLocked?: boolean }): ChannelDef<I, O> => def
}

export type InputOf<C> = C extends ChannelDef<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<C> = C extends ChannelDef<infer I, unknown> ? z.output<I> : never
export type OutputOf<C> = C extends ChannelDef<z.ZodType, infer O> ? O : never
