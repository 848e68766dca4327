import { computed, effectScope, getCurrentScope, onScopeDispose, shallowReactive, watch, type Ref } from 'vue'
import type { UnsavedForm } from '@shared/update/contract'
import { call } from '../../api/client'

/**
 * Forms with changes the core does not have yet, reported to the core: «restart and update» waits for them (the
 * core refuses and names them). Each editor registers its dirty flag; the whole list goes to the core whenever
 * it changes, shortly after the change (one report per burst of typing).
 */
// Shallow: the entries hold refs, which a deep reactive map would unwrap.
const forms = shallowReactive(new Map<number, { kind: string; dirty: Ref<boolean> }>())
let nextId = 1
let reportTimer: ReturnType<typeof setTimeout> | undefined
let watching = false

export const unsavedForms = computed<UnsavedForm[]>(() =>
  [...forms.values()].filter((f) => f.dirty.value).map((f) => ({ kind: f.kind })),
)

/** Sends the current list now (also on start, so a reloaded window replaces what it reported before). */
export async function reportUnsavedForms(): Promise<void> {
  clearTimeout(reportTimer)
  await call('update/report-unsaved-forms', { forms: unsavedForms.value })
}

function watchForms(): void {
  if (watching) return
  watching = true
  // Detached: the watcher outlives the component that happened to register the first form.
  effectScope(true).run(() =>
    watch(
      () => unsavedForms.value.map((f) => f.kind).join(','),
      () => {
        clearTimeout(reportTimer)
        reportTimer = setTimeout(() => void reportUnsavedForms(), 150)
      },
    ),
  )
}

/** Registers a form's dirty flag under a kind the core can name (`update.forms.<kind>`); forgotten with its component. */
export function trackUnsavedForm(kind: string, dirty: Ref<boolean>): () => void {
  const id = nextId++
  forms.set(id, { kind, dirty })
  watchForms()
  const forget = () => forms.delete(id)
  if (getCurrentScope()) onScopeDispose(forget)
  return forget
}
