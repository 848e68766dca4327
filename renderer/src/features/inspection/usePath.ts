import { computed, type WritableComputedRef } from 'vue'
import { getPath, setPath, useForm } from '../parties/formContext'

/** A checkbox, select or radio group bound to a dotted path of the report (FormField covers text fields). */
export function usePath<T>(path: string): WritableComputedRef<T> {
  const form = useForm()
  return computed<T>({
    get: () => getPath(form.model.value, path) as T,
    set: (v: T) => {
      if (!form.readonly.value) setPath(form.model.value, path, v)
    },
  })
}
