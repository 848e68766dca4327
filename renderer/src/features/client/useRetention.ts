import { ref } from 'vue'
import type { RetentionList } from '@shared/client/erasure'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'

/**
 * The admin's list of cards past retention and their erasure (152-FZ art. 21 p. 7): the list is read from the core
 * (which judges every card by its records), the chosen cards erased in one call, the act's id kept for printing.
 */
export function useRetention() {
  const list = ref<RetentionList | null>(null)
  const loadError = ref<string | null>(null)
  const lastAct = ref<{ id: string; erased: number } | null>(null)
  const action = useAction()

  async function load(): Promise<void> {
    loadError.value = null
    const r = await call('client/list-retention', undefined)
    if (r.ok) list.value = r.value
    else loadError.value = r.error.message
  }

  async function erase(ids: readonly string[]): Promise<boolean> {
    const lines = list.value?.lines.filter((l) => ids.includes(l.id)) ?? []
    if (!lines.length) return false
    const done = await action.run('erase', () =>
      call('client/erase', { cards: lines.map((l) => ({ id: l.id, rowVersion: l.rowVersion })) }),
    )
    if (!done) return false
    lastAct.value = { id: done.actId, erased: done.erased }
    await load()
    return true
  }

  return { list, loadError, lastAct, action, load, erase }
}
