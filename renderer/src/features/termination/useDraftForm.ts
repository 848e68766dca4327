import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ApiError } from '@shared/contract/result'
import { zodIssuesToFieldErrors } from '@shared/validation/fieldErrors'
import type { FormContext } from '../parties/formContext'

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
) {
  const { t } = useI18n()
  const touched = ref(new Set<string>())
  const showAll = ref(false)
  const serverErrors = ref<Record<string, string>>({})
  const formError = ref<string | null>(null)
  const readonly = ref(false)
  const localErrors = computed(() => {
    const r = schema.safeParse(toInput(draft.value), { reportInput: true })
    return r.success ? {} : zodIssuesToFieldErrors(r.error as Parameters<typeof zodIssuesToFieldErrors>[0])
  })
  watch(
    draft,
    () => {
      serverErrors.value = {}
    },
    { deep: true },
  )

  const form: FormContext = {
    model: draft as unknown as Ref<Record<string, unknown>>,
    readonly,
    errorsOf(path: string) {
      const key =
        serverErrors.value[path] ?? (showAll.value || touched.value.has(path) ? localErrors.value[path] : undefined)
      return key ? [t(key)] : []
    },
    touch(path: string) {
      touched.value = new Set([...touched.value, path])
    },
  }

  function fromApi(error: ApiError): void {
    const out: Record<string, string> = {}
    for (const [path, key] of Object.entries(error.fieldErrors ?? {})) {
      out[path.startsWith(serverPrefix) ? path.slice(serverPrefix.length) : path] = key
    }
    serverErrors.value = out
    formError.value = error.message
    showAll.value = true
  }

  /** True when the local schema accepts the draft; otherwise shows every message. */
  function check(): boolean {
    showAll.value = true
    return Object.keys(localErrors.value).length === 0
  }

  return { form, readonly, localErrors, serverErrors, formError, showAll, fromApi, check }
}
