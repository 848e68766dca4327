import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Result } from '@shared/contract/result'
import type { CascoQuoteForInspection } from '@shared/casco/contract'
import type { HomeItem, HomeWork } from '@shared/home/contract'
import type { SearchHit } from '@shared/search/contract'
import { usePendingDeletionsStore } from './pendingDeletions'

/**
 * A draft deleted and waiting for its undo window is still in the core (the deletion is written when the window
 * closes), so every list it could be opened from must leave it out in the renderer, and show it again on «Отменить».
 */
const answers: Record<string, unknown> = {}
vi.mock('../api/client', () => ({
  call: async (channel: string): Promise<Result<unknown>> => ({ ok: true, value: answers[channel] }),
  callOrThrow: () => new Promise(() => {}),
  onSessionError: () => () => {},
}))
const { useHomeWork } = await import('../features/home/useHomeWork')
const { useGlobalSearch } = await import('../features/search/useGlobalSearch')
const { useInspectionList } = await import('../features/inspection/useInspectionList')

const DELETED = 'draft-deleted'
const KEPT = 'draft-kept'
const ok: Result<unknown> = { ok: true, value: null }

const item = (id: string, kind: HomeItem['kind'] = 'osago'): HomeItem => ({
  kind,
  id,
  status: 'draft',
  title: id,
  detail: null,
  at: '2026-12-05T10:00:00.000Z',
})
const quote = (id: string): CascoQuoteForInspection =>
  ({
    id,
    status: 'calculated',
    insuredName: id,
    vehicleName: 'Lada Vesta',
    year: 2020,
    plate: null,
    vin: null,
  }) as never
const hit = (kind: SearchHit['kind'], id: string, more: Partial<SearchHit> = {}): SearchHit => ({
  kind,
  id,
  title: id,
  subtitle: 'А123ВС777',
  status: 'draft',
  updatedOn: '2026-12-05',
  ...more,
})

/** Deletes DELETED as «Удалить черновик» does: offered for undo, nothing written yet. */
async function deleteDraft() {
  const store = usePendingDeletionsStore()
  const commit = vi.fn(async () => ok)
  await store.schedule({ id: DELETED, message: 'Черновик удалён', commit })
  return { store, commit }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a draft waiting for its undo window', () => {
  it('is not among the home screen’s drafts, cases or inspection queue, and is back after «Отменить»', async () => {
    const work: HomeWork = {
      today: '2026-12-05',
      drafts: { items: [item(DELETED), item(KEPT)], more: [] },
      cases: { items: [item(DELETED, 'casco')], more: [] },
      waiting: null,
      renewals: null,
      attention: null,
    }
    answers['home/get-work'] = work
    answers['casco/list-for-inspection'] = [quote(DELETED), quote(KEPT)]
    const { store, commit } = await deleteDraft()
    const home = useHomeWork()
    await home.load(5)
    await home.loadToInspect(5)
    expect(home.work.value?.drafts?.items.map((i) => i.id)).toEqual([KEPT])
    expect(home.work.value?.cases?.items).toEqual([])
    expect(home.toInspect.value?.items.map((q) => q.id)).toEqual([KEPT])

    store.undo()
    expect(home.work.value?.drafts?.items.map((i) => i.id)).toEqual([DELETED, KEPT])
    expect(home.work.value?.cases?.items.map((i) => i.id)).toEqual([DELETED])
    expect(home.toInspect.value?.items.map((q) => q.id)).toEqual([DELETED, KEPT])
    expect(commit).not.toHaveBeenCalled()
  })

  it('gives no search hit that opens it, a client found on it neither; «Отменить» brings them back', async () => {
    answers['search/global'] = {
      hits: [
        hit('osago', DELETED),
        hit('osago', KEPT),
        hit('client', 'person-1', { source: { kind: 'osago', id: DELETED } }),
        hit('client', 'person-2', { source: { kind: 'osago', id: KEPT } }),
      ],
    }
    const { store } = await deleteDraft()
    const search = useGlobalSearch(10)
    search.query.value = 'Иванов'
    await vi.advanceTimersByTimeAsync(10)
    expect(search.shown.value.map((h) => h.id)).toEqual([KEPT, 'person-2'])

    store.undo()
    expect(search.shown.value.map((h) => h.id)).toEqual([DELETED, KEPT, 'person-1', 'person-2'])
  })

  it('is not offered in the «which quote?» list of a new inspection', async () => {
    answers['casco/list-for-inspection'] = [quote(DELETED), quote(KEPT)]
    answers['inspection/list'] = { items: [], total: 0 }
    await deleteDraft()
    const list = useInspectionList()
    expect((await list.quotesWaiting()).map((q) => q.id)).toEqual([KEPT])
  })

  it('stays out of the lists once its deletion is written (they were read before it)', async () => {
    const { store, commit } = await deleteDraft()
    await vi.advanceTimersByTimeAsync(8000)
    expect(commit).toHaveBeenCalledTimes(1)
    expect(store.visible([item(DELETED), item(KEPT)]).map((i) => i.id)).toEqual([KEPT])
  })
})
