import { ref } from 'vue'
import { useI18n } from '../plugins/i18n'
import type { ApiError } from '@shared/contract/result'

/**
 * Field errors from the core (or from the same shared zod schema run in the form) shown at the field:
 * `errors.of('login')` gives the translated messages for `:error-messages`.
 */
export function useFieldErrors() {
  const { t } = useI18n()
  const fieldErrors = ref<Record<string, string>>({})
  const formError = ref<string | null>(null)

  function of(path: string): string[] {
    const key = fieldErrors.value[path]
    return key ? [t(key)] : []
  }

  function fromApi(error: ApiError): void {
    fieldErrors.value = error.fieldErrors ?? {}
    formError.value = error.message
  }

  function set(next: Record<string, string>): void {
    fieldErrors.value = next
    formError.value = Object.keys(next).length ? t('errors.validation') : null
  }

  function clear(path?: string): void {
    if (path) {
      const { [path]: _removed, ...rest } = fieldErrors.value
      fieldErrors.value = rest
    } else {
      fieldErrors.value = {}
      formError.value = null
    }
  }

  return { fieldErrors, formError, of, fromApi, set, clear }
}

/** Runs a shared zod schema in the form, giving the same field keys the core would. */
export function validateWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }
  },
  value: unknown,
): { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> } {
  const r = schema.safeParse(value)
  if (r.success) return { ok: true, data: r.data }
  const fieldErrors: Record<string, string> = {}
  for (const issue of r.error.issues) {
    const path = issue.path.map(String).join('.')
    fieldErrors[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalidType'
  }
  return { ok: false, fieldErrors }
}
