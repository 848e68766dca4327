import { computed, ref } from 'vue'
import type { CascoQuoteForInspection } from '@shared/casco/contract'
import type { HomeItem, HomeList, HomeWork } from '@shared/home/contract'
import { call } from '../../api/client'
import { usePendingDeletionsStore } from '../../stores/pendingDeletions'
import type { HomeShortcut } from './homeLinks'

/** The home screen's data: the day's work from the core, and the records its start buttons make. */
export function useHomeWork() {
  const pendingDeletions = usePendingDeletionsStore()
  const read = ref<HomeWork | null>(null)
  /**
   * A draft deleted in this window (its «Отменить» still offered, or written since) is not listed: the core still
   * holds it until the window closes. Computed, so «Отменить» lists it again without asking the core.
   */
  const visibleList = (list: HomeList<HomeItem> | null) =>
    list && { ...list, items: pendingDeletions.visible(list.items) }
  const work = computed<HomeWork | null>(() =>
    read.value
      ? {
          ...read.value,
          drafts: visibleList(read.value.drafts),
          cases: visibleList(read.value.cases),
          waiting: visibleList(read.value.waiting),
        }
      : null,
  )
  /** Why the day's work could not be read, or why a start button made nothing (the core's message). */
  const loadError = ref<string | null>(null)
  const error = ref<string | null>(null)

  async function load(limit = 5): Promise<void> {
    const r = await call('home/get-work', { limit })
    if (r.ok) read.value = r.value
    else loadError.value = r.error.message
  }

  /** The CASCO quotes still waiting for an inspection (the inspector's queue); the first `limit`. */
  const waitingInspection = ref<CascoQuoteForInspection[] | null>(null)
  const inspectLimit = ref(5)
  const toInspect = computed<{ items: CascoQuoteForInspection[]; more: boolean } | null>(() => {
    if (!waitingInspection.value) return null
    const items = pendingDeletions.visible(waitingInspection.value)
    return { items: items.slice(0, inspectLimit.value), more: items.length > inspectLimit.value }
  })
  async function loadToInspect(limit = 5): Promise<void> {
    const r = await call('casco/list-for-inspection')
    inspectLimit.value = limit
    if (r.ok) waitingInspection.value = r.value
    else loadError.value = r.error.message
  }

  /** An inspection for the quote, filled from it by the core; its id, or null with the reason in `error`. */
  async function inspect(quoteId: string): Promise<string | null> {
    const r = await call('inspection/create', { quoteId })
    if (r.ok) return r.value.id
    error.value = r.error.message
    return null
  }

  /** A new OSAGO draft or CASCO quote; its id, or null with the reason in `error`. */
  async function create(channel: NonNullable<HomeShortcut['creates']>): Promise<string | null> {
    const r = await call(channel)
    if (r.ok) return r.value.id
    error.value = r.error.message
    return null
  }

  return { work, toInspect, loadError, error, load, loadToInspect, create, inspect }
}
