import { ref, shallowRef } from 'vue'
import type { RemoteLookupAnswer } from '@shared/client/remoteLookup'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'

/**
 * Clients of other branches, asked of HQ through the core (docs/domain/personal-data.md#clients-of-other-branches):
 * the answer lives in this component's memory only — the core keeps nothing of it — and is gone with the palette.
 */
export function useRemoteClients() {
  const answer = shallowRef<RemoteLookupAnswer | null>(null)
  /** The query the answer is for: a new text in the search asks again, never shows an older answer. */
  const askedFor = ref<string | null>(null)
  const action = useAction()

  async function search(query: string): Promise<void> {
    const value = await action.run('search', () => call('client/lookup-remote', { query }))
    answer.value = value
    askedFor.value = value ? query : null
  }

  /** A new OSAGO draft with the client's data (the core asks HQ again by the same identifier); its id to open. */
  async function startOsago(query: string, remoteId: string): Promise<string | null> {
    const policy = await action.run('osago', () => call('client/start-osago-for-remote', { query, remoteId }))
    return policy?.id ?? null
  }

  function reset(): void {
    answer.value = null
    askedFor.value = null
    action.error.value = null
  }

  return { answer, askedFor, action, search, startOsago, reset }
}
