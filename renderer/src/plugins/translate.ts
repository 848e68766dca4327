import { inject, type InjectionKey } from 'vue'
import type { TypedTranslate } from '@shared/i18n/messages'
import { STARTUP_MESSAGES } from './startupMessages'

/**
 * The `t` of the screens both starts show (the sign-in form and the card around it): vue-i18n's in the whole app
 * (App.vue provides it), `startupTranslate` on the start screen, which comes before vue-i18n is loaded
 * (renderer/src/StartRoot.vue). Injected, so those screens do not import vue-i18n into the entry chunk.
 */
export const TRANSLATE: InjectionKey<TypedTranslate> = Symbol('translate')

export function useTranslate(): TypedTranslate {
  const t = inject(TRANSLATE, null)
  if (!t) throw new Error('No translation provided: App.vue or StartRoot.vue provides it')
  return t
}

const PARAM = /\{(\w+)\}/g

/**
 * A startup message (Russian) with its `{name}` parameters filled as vue-i18n fills them (plugins/messageCompiler.ts:
 * a missing parameter is empty); a key outside the startup set shows as the key, as vue-i18n shows a missing one.
 * translate.test.ts renders every startup message through both.
 */
export const startupTranslate = ((key: string, named?: Record<string, unknown> | number) => {
  let node: unknown = STARTUP_MESSAGES
  for (const part of key.split('.'))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  if (typeof node !== 'string') return key
  const params = typeof named === 'object' ? named : {}
  return node.replace(PARAM, (_, name: string) => {
    const value = params[name]
    return value === undefined || value === null ? '' : String(value)
  })
}) as TypedTranslate
