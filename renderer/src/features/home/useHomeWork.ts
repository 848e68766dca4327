import { ref } from 'vue'
import type { CascoQuoteForInspection } from '@shared/casco/contract'
import type { HomeWork } from '@shared/home/contract'
import { call } from '../../api/client'
import type { HomeShortcut } from './homeLinks'

/** The home screen's data: the day's work from the core, and the records its start buttons make. */
export function useHomeWork() {
  const work = ref<HomeWork | null>(null)
  /** Why the day's work could not be read, or why a start button made nothing (the core's message). */
  const loadError = ref<string | null>(null)
  const error = ref<string | null>(null)

  async function load(limit = 5): Promise<void> {
    const r = await call('home/get-work', { limit })
    if (r.ok) work.value = r.value
    else loadError.value = r.error.message
  }

  /** The CASCO quotes still waiting for an inspection (the inspector's queue); the first `limit`. */
  const toInspect = ref<{ items: CascoQuoteForInspection[]; more: boolean } | null>(null)
  async function loadToInspect(limit = 5): Promise<void> {
    const r = await call('casco/list-for-inspection')
    if (r.ok) toInspect.value = { items: r.value.slice(0, limit), more: r.value.length > limit }
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
