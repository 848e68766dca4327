import { computed, type WritableComputedRef } from 'vue'
import type { FormContext, Path, PathValue } from '../party/formContext'

/** A checkbox, select or radio group bound to a dotted path of the report (FormField covers text fields). */
export function usePath<D, P extends Path<D>>(form: FormContext<D>, path: P): WritableComputedRef<PathValue<D, P>> {
  return computed({
    // The path is checked against the draft's type, so the value there has the path's type.
    get: () => form.read(path) as PathValue<D, P>,
    set: (v: PathValue<D, P>) => {
      if (!form.readonly.value) form.write(path, v)
    },
  })
}
