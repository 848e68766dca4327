import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from '../../plugins/i18n'
import type { ApiError } from '@shared/contract/result'
import { zodIssuesToFieldErrors, zodIssuesToFieldParams } from '@shared/validation/fieldErrors'
import { draftPath, useFormErrors } from '../../composables/useFormErrors'
import { createForm } from '../party/formContext'

interface Schema {
  safeParse(
    v: unknown,
    params?: { reportInput?: boolean },
  ): { success: true } | { success: false; error: { issues: readonly unknown[] } }
}

/**
 * A form over a plain draft object for the parties' field components: the shared zod schema runs on every change
 * (messages shown once a field was left or the whole form was submitted), and the core's field errors — whose
 * paths carry the input's prefix, e.g. `details.` — are shown at the same fields until the next change.
 */
export function useDraftForm<D extends object>(
  draft: Ref<D>,
  toInput: (d: D) => unknown,
  schema: Schema,
  serverPrefix = '',
  renamed: Record<string, string> = {},
) {
  const { t } = useI18n()
  const formError = ref<string | null>(null)
  const readonly = ref(false)
  const checked = computed(() => {
    const r = schema.safeParse(toInput(draft.value), { reportInput: true })
    if (r.success) return { errors: {}, params: {} }
    const issues = r.error as Parameters<typeof zodIssuesToFieldErrors>[0]
    const byDraft = <V>(byInput: Record<string, V>) =>
      Object.fromEntries(Object.entries(byInput).map(([path, v]) => [draftPath(path, renamed), v]))
    return { errors: byDraft(zodIssuesToFieldErrors(issues)), params: byDraft(zodIssuesToFieldParams(issues)) }
  })
  const localErrors = computed(() => checked.value.errors)
  const errors = useFormErrors({
    t,
    readonly,
    local: () => localErrors.value,
    localParams: () => checked.value.params,
    serverPrefix,
    renamed,
  })
  const { serverErrors, showAll } = errors
  watch(
    draft,
    () => {
      serverErrors.value = {}
    },
    { deep: true },
  )

  const form = createForm(draft, errors.state)

  function fromApi(error: ApiError): void {
    errors.fromApi(error)
    formError.value = error.message
  }

  /** True when the local schema accepts the draft; otherwise shows every message. */
  function check(): boolean {
    showAll.value = true
    return Object.keys(localErrors.value).length === 0
  }

  return { form, readonly, localErrors, serverErrors, formError, showAll, fromApi, check }
}
