import type { MessageKey } from '../i18n/messages'

/**
 * Every `validation.*` key that exists in the Russian messages. Checkers return this type, so a typo in a key is a
 * compile error rather than a raw key on the clerk's screen.
 */
export type ValidationKey = Extract<MessageKey, `validation.${string}`>

export type MessageParams = Record<string, string | number>

/** A problem found at a place in a composite value (path as zod reports it). */
export interface FieldProblem {
  path: (string | number)[]
  key: ValidationKey
  params?: MessageParams
}

/** What a message key looks like, as opposed to zod's own English sentences. */
export function looksLikeMessageKey(message: string): boolean {
  return /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(message)
}
