import { useI18n } from '../plugins/i18n'
import { fieldErrors } from './fieldErrors'
import type { MessageParams } from '@shared/validation/messageKey'

/** Field errors shown at the field, translated in the window's language (composables/fieldErrors.ts). */
export function useFieldErrors() {
  return fieldErrors(useI18n().t)
}

/** Runs a shared zod schema in the form, giving the same field keys the core would. */
export function validateWith<T>(
  schema: {
    safeParse(v: unknown):
      | { success: true; data: T }
      | {
          success: false
          error: { issues: Array<{ path: PropertyKey[]; message: string; code?: string; params?: unknown }> }
        }
  },
  value: unknown,
):
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string>; fieldParams: Record<string, MessageParams> } {
  const r = schema.safeParse(value)
  if (r.success) return { ok: true, data: r.data }
  const fieldErrors: Record<string, string> = {}
  const fieldParams: Record<string, MessageParams> = {}
  for (const issue of r.error.issues) {
    const path = issue.path.map(String).join('.')
    if (path in fieldErrors) continue
    fieldErrors[path] = issue.message.startsWith('validation.') ? issue.message : 'validation.invalidType'
    // A checker's own issue carries its message's placeholders, as the core's zodIssuesToFieldParams reads them.
    if (issue.code === 'custom' && issue.params) fieldParams[path] = issue.params as MessageParams
  }
  return { ok: false, fieldErrors, fieldParams }
}
