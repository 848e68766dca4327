import { computed, ref } from 'vue'
import type { ApiError, Result } from '@shared/contract/result'
import { focusFirstError } from './fieldFocus'

export interface ActionOptions {
  /** Where a refusal goes besides `error`: a form's `fromApi` shows its field errors (and clears old ones). */
  onRefusal?: (error: ApiError) => void
}

/**
 * A button's call to the core: which action is running (for its spinner, and to keep a second press out), the
 * refusal's message for the page, and its field errors for the form. Replaces a busy flag and an error ref per
 * screen written by hand.
 */
export function useAction(options: ActionOptions = {}) {
  const running = ref<string | null>(null)
  const error = ref<string | null>(null)
  const busy = computed(() => running.value !== null)

  /**
   * Runs `fn` unless an action is running already; the value on success, null on a refusal (its message in
   * `error`) or on a throw (the message of the exception: a broken bridge must not leave the button spinning).
   */
  async function run<T>(name: string, fn: () => Promise<Result<T>>): Promise<T | null> {
    if (running.value !== null) return null
    running.value = name
    error.value = null
    try {
      const r = await fn()
      if (r.ok) return r.value
      error.value = r.error.message
      options.onRefusal?.(r.error)
      // A refusal that names fields: the caret goes to the first one shown in error, scrolled into view.
      if (Object.keys(r.error.fieldErrors ?? {}).length) void focusFirstError()
      return null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
      return null
    } finally {
      running.value = null
    }
  }

  return { running, busy, error, run }
}
