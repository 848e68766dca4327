import { computed, ref, toRaw, watch, type Ref } from 'vue'
import type { ClientCard } from '@shared/client/client'
import { clientCardProblems } from '@shared/client/cardCheck'
import type { PartyDraft } from '@shared/party/draft'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'
import { focusFirstError } from '../../composables/fieldFocus'
import { useFormErrors } from '../../composables/useFormErrors'
import { useI18n } from '../../plugins/i18n'
import { createForm } from '../party/formContext'

export type Region = { name: string; federalCity: boolean; cities: string[] }

/**
 * The card's edit form: a copy of the card's party edited in place, checked on every change by the same
 * `clientCardProblems` the core runs on save (messages at the field once it was left or a save was tried), the
 * core's field errors (`party.…`) shown at the same fields. A save makes the next version of the card; the records
 * keep the copy they were made with.
 */
export function useClientEdit(card: Ref<ClientCard | null>, onSaved: (card: ClientCard) => void) {
  const { t } = useI18n()
  const draft = ref<PartyDraft | null>(null)
  const readonly = ref(false)
  const regions = ref<Region[]>([])
  const local = computed(() => (draft.value ? clientCardProblems(draft.value) : {}))
  const errors = useFormErrors({ t, readonly, local: () => local.value, serverPrefix: 'party.' })
  const form = createForm(draft, errors.state)
  const action = useAction({ onRefusal: (e) => errors.fromApi(e) })
  // The core's word on a field stands until the field is changed again.
  watch(
    draft,
    () => {
      errors.serverErrors.value = {}
    },
    { deep: true },
  )

  /** Opens the form on the card as it is now (the regions for the address are read once). */
  async function open(): Promise<void> {
    const c = card.value
    if (!c) return
    errors.showAll.value = false
    errors.touched.value = new Set()
    errors.serverErrors.value = {}
    action.error.value = null
    draft.value = structuredClone(toRaw(c.party))
    if (!regions.value.length) {
      const r = await call('osago/get-form-reference', undefined)
      if (r.ok) regions.value = r.value.regions
    }
  }

  function close(): void {
    draft.value = null
  }

  /** Checks the whole form, then saves: true when the card took the change. */
  async function save(): Promise<boolean> {
    const c = card.value
    const party = draft.value
    if (!c || !party) return false
    errors.showAll.value = true
    if (Object.keys(local.value).length) {
      void focusFirstError()
      return false
    }
    const done = await action.run('save', () =>
      call('client/update-card', { id: c.id, rowVersion: c.rowVersion, party: toRaw(party) }),
    )
    if (!done) return false
    draft.value = null
    onSaved(done)
    return true
  }

  return { draft, form, regions, action, open, close, save }
}
