import { ref } from 'vue'
import type { ClientCard } from '@shared/client/client'
import type { PartyDraft } from '@shared/party/draft'
import type { SearchHit } from '@shared/search/contract'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'

/**
 * The client card's data and its actions: each read of the card is recorded by the core (152-FZ read audit), so the
 * screen reads it once per visit, and again only after its own changes.
 */
export function useClientCard() {
  const card = ref<ClientCard | null>(null)
  const loadError = ref<string | null>(null)
  const action = useAction()

  async function load(id: string): Promise<void> {
    loadError.value = null
    const r = await call('client/get-card', { id })
    if (r.ok) card.value = r.value
    else loadError.value = r.error.message
  }

  async function recordConsent(givenOn: string): Promise<boolean> {
    const c = card.value
    if (!c) return false
    const done = await action.run('consent', () =>
      call('client/record-consent', { id: c.id, rowVersion: c.rowVersion, givenOn }),
    )
    if (done) card.value = done
    return done !== null
  }

  /** Other active cards the admin may merge into this one: found by the same global search the clerk uses. */
  async function findDuplicates(query: string): Promise<SearchHit[]> {
    if (!query.trim()) return []
    const r = await call('search/global', { query, limit: 20 })
    return r.ok ? r.value.hits.filter((h) => h.kind === 'client' && !h.source && h.id !== card.value?.id) : []
  }

  async function merge(otherId: string): Promise<boolean> {
    const c = card.value
    if (!c) return false
    const done = await action.run('merge', () => call('client/merge', { keepId: c.id, mergeId: otherId }))
    if (done) card.value = done
    return done !== null
  }

  /**
   * A new OSAGO application with the client as its insured: the draft is made and saved with the card's data in
   * one step, then opened. The policy keeps its own copy from then on.
   */
  async function startOsago(): Promise<string | null> {
    const party = card.value?.party
    if (!party) return null
    return action.run('osago', async () => {
      const created = await call('osago/create-draft')
      if (!created.ok) return created
      const draft = { ...created.value.draft, insured: party }
      const saved = await call('osago/save-draft', {
        id: created.value.id,
        rowVersion: created.value.rowVersion,
        draft,
      })
      return saved.ok ? { ok: true as const, value: saved.value.id } : saved
    })
  }

  /** A new CASCO quote with the client as its insured (CASCO insures people at the counter). */
  async function startCasco(): Promise<string | null> {
    const party: PartyDraft | undefined = card.value?.party
    if (!party || party.kind !== 'person') return null
    const { kind: _kind, ...person } = party
    return action.run('casco', async () => {
      const created = await call('casco/create-quote')
      if (!created.ok) return created
      const draft = { ...created.value.draft, insured: person }
      const saved = await call('casco/save-draft', {
        id: created.value.id,
        rowVersion: created.value.rowVersion,
        draft,
      })
      return saved.ok ? { ok: true as const, value: saved.value.id } : saved
    })
  }

  return { card, loadError, action, load, recordConsent, findDuplicates, merge, startOsago, startCasco }
}
