import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { ApiError } from '@shared/contract/result'
import type { FormState } from '../features/party/formContext'

export type Translate = (key: string, params: Record<string, unknown>) => string

export interface FormErrorsConfig {
  t: Translate
  readonly: Ref<boolean>
  /** The shared schema's field errors (dotted path → message key) for the draft as it is now. */
  local: () => Record<string, string>
  /** The placeholders of those messages by the same paths (a VIN's entered length): «введено {n}» needs its n. */
  localParams?: () => Record<string, Record<string, unknown>>
  /** Shown as soon as they exist, not only after touch: the inspection's schema catches what must not be typed. */
  localAtOnce?: boolean
  /** More field errors shown after touch (the live quote's refusal, the inspection's missing items). */
  later?: (path: string) => { key: string; params?: Record<string, unknown> } | undefined
  /** The core's field paths carry the input's prefix (`details.`) that the draft does not have. */
  serverPrefix?: string
  /** An input field the draft holds under another name (`premiumKopecks` typed as `premium`): input → draft path. */
  renamed?: Record<string, string>
}

/** A field path of the input as the draft's path. */
export function draftPath(path: string, renamed: Record<string, string> = {}, prefix = ''): string {
  const bare = path.startsWith(prefix) ? path.slice(prefix.length) : path
  return renamed[bare] ?? bare
}

/**
 * One error display for every editor: the core's field errors first (until the next change), then the shared
 * schema's, shown once a field was left or the whole form was checked (`showAll`), translated for the field.
 */
export function useFormErrors(config: FormErrorsConfig) {
  const { t } = config
  const serverErrors = ref<Record<string, string>>({})
  const serverParams = ref<Record<string, Record<string, unknown>>>({})
  const touched = ref(new Set<string>())
  const showAll = ref(false)

  function messagesOf(path: string): string[] {
    const server = serverErrors.value[path]
    if (server) return [t(server, serverParams.value[path] ?? {})]
    const shown = showAll.value || touched.value.has(path)
    const local = config.localAtOnce || shown ? config.local()[path] : undefined
    if (local) return [t(local, config.localParams?.()[path] ?? {})]
    const later = shown ? config.later?.(path) : undefined
    return later ? [t(later.key, later.params ?? {})] : []
  }

  // Every keystroke revalidates the whole draft and replaces the error maps. Read straight from them, each field
  // of the form would re-render on every key (a CASCO quote has ~80, ~150 ms a key on the E2E machine). A field
  // reads its own computed instead, which keeps the same array while its messages are the same, so Vue
  // re-renders only the fields whose messages changed.
  const byPath = new Map<string, ComputedRef<string[]>>()
  const state: FormState = {
    readonly: config.readonly,
    errorsOf(path) {
      let messages = byPath.get(path)
      if (!messages) {
        messages = computed<string[]>((previous) => {
          const next = messagesOf(path)
          return previous && sameMessages(previous, next) ? previous : next
        })
        byPath.set(path, messages)
      }
      return messages.value
    },
    touch(path) {
      if (!touched.value.has(path)) touched.value = new Set([...touched.value, path])
    },
  }

  /** The core's field errors at their fields; every message shown from now on. */
  function fromApi(error: Pick<ApiError, 'fieldErrors' | 'fieldParams'>): void {
    const out: Record<string, string> = {}
    const params: Record<string, Record<string, unknown>> = {}
    for (const [path, key] of Object.entries(error.fieldErrors ?? {})) {
      const at = draftPath(path, config.renamed, config.serverPrefix)
      out[at] = key
      const p = error.fieldParams?.[path]
      if (p) params[at] = p
    }
    serverErrors.value = out
    serverParams.value = params
    showAll.value = true
  }

  return { state, serverErrors, serverParams, touched, showAll, fromApi }
}

function sameMessages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i])
}
