import { ref } from 'vue'
import type { ApiError } from '@shared/contract/result'
import type { TypedTranslate } from '@shared/i18n/messages'

/**
 * Field errors from the core (or from the same shared zod schema run in the form) shown at the field:
 * `errors.of('login')` gives the translated messages for `:error-messages`. Takes the `t` to translate with, so the
 * start screen (renderer/src/StartRoot.vue) uses it without vue-i18n; screens call `useFieldErrors()`.
 */
export function fieldErrors(t: TypedTranslate) {
  const byField = ref<Record<string, string>>({})
  const formError = ref<string | null>(null)

  /** The placeholders of those messages by the same paths (a name's maximum length). */
  const fieldParams = ref<Record<string, Record<string, unknown>>>({})

  function of(path: string): string[] {
    const key = byField.value[path]
    return key ? [t(key, fieldParams.value[path] ?? {})] : []
  }

  function fromApi(error: ApiError): void {
    byField.value = error.fieldErrors ?? {}
    fieldParams.value = error.fieldParams ?? {}
    formError.value = error.message
  }

  function set(next: Record<string, string>, params: Record<string, Record<string, unknown>> = {}): void {
    byField.value = next
    fieldParams.value = params
    formError.value = Object.keys(next).length ? t('errors.validation') : null
  }

  function clear(path?: string): void {
    if (path) {
      const { [path]: _removed, ...rest } = byField.value
      byField.value = rest
    } else {
      byField.value = {}
      fieldParams.value = {}
      formError.value = null
    }
  }

  return { fieldErrors: byField, fieldParams, formError, of, fromApi, set, clear }
}
