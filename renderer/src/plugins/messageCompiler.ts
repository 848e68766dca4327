import type { MessageCompiler, MessageContext, MessageFunction } from 'vue-i18n'

/**
 * The app's messages use one piece of vue-i18n's syntax: text with `{name}` parameters (shared/i18n/messages.test.ts
 * rules out «@» and «|»; no `{0}` lists, `{'…'}` literals or `%{…}`). vue-i18n's own compiler tokenises and builds an
 * AST for each message at its first use — about 13 ms of the renderer's start for the sign-in screen's texts alone
 * (docs/decisions.md, renderer startup). This one splits the text once with a regular expression and returns a plain
 * function (no `new Function`: the CSP forbids eval) that fills the parameters the way vue-i18n's compiled form does
 * (`normalize([text, interpolate(named(key)), …])`), so `t`, `rt` and `<i18n-t>` behave as before.
 * messageCompiler.test.ts checks every message of both locales against vue-i18n's compiler.
 */
const PARAM = /\{(\w+)\}/g

/**
 * The two members of the context that vue-i18n's own compiled messages call (core-base's `formatMessageParts`); its
 * public types leave them out («Excluded from this release type»), they are there at run time.
 */
type Context = MessageContext & {
  normalize: (values: unknown[]) => string
  interpolate: (value: unknown) => unknown
}

export const compileMessage: MessageCompiler = (message) => {
  if (typeof message !== 'string') {
    // Only the message files' strings reach here; a precompiled AST would need vue-i18n's own compiler.
    throw new Error('compileMessage: only string messages are supported')
  }
  const parts: Array<string | { key: string }> = []
  let from = 0
  for (const m of message.matchAll(PARAM)) {
    if (m.index > from) parts.push(message.slice(from, m.index))
    parts.push({ key: m[1]! })
    from = m.index + m[0].length
  }
  if (from < message.length) parts.push(message.slice(from))
  // As core-base's formatMessageParts: a text without parameters is returned as it is for the `text` output type.
  const fn: MessageFunction = (context: MessageContext) => {
    const ctx = context as Context
    if (parts.length === 1 && typeof parts[0] === 'string') {
      return ctx.type === 'text' ? parts[0] : ctx.normalize([parts[0]])
    }
    return ctx.normalize(parts.map((p) => (typeof p === 'string' ? p : ctx.interpolate(ctx.named(p.key)))))
  }
  return fn
}
