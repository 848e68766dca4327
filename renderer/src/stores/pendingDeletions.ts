import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Result } from '@shared/contract/result'

/**
 * A deletion the clerk may still take back («Черновик удалён — Отменить»). Nothing is written while the undo window
 * is open: the record only disappears from this window's lists. It is written when the window closes — the
 * snackbar's time runs out, another deletion replaces it, or the clerk signs out — so HQ never receives a deletion
 * that is then taken back. Closing the app or the window while it is open writes nothing: the draft stays (a draft is
 * harmless to keep and can be deleted again), which is the one outcome that loses nothing (decisions.md).
 */
export interface PendingDeletion {
  id: string
  /** The snackbar's text, already translated (e.g. «Черновик удалён»). */
  message: string
  /** The write: the core's discard call for this record. */
  commit: () => Promise<Result<unknown>>
  /** What «Отменить» does besides keeping the record (e.g. open the draft again). */
  onUndo?: () => unknown
  /** Shown when the write is refused later (the record is back in the lists). */
  onFailed?: (message: string) => unknown
}

/** How long «Отменить» is offered: long enough to read the line and reach the button, short enough to forget it. */
export const UNDO_WINDOW_MS = 8000

export const usePendingDeletionsStore = defineStore('pendingDeletions', () => {
  const current = ref<PendingDeletion | null>(null)
  /** Ids hidden from lists read before the deletion: the one offered for undo, and those written since. */
  const hidden = ref(new Set<string>())
  const failure = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null

  function hide(id: string, on: boolean) {
    const next = new Set(hidden.value)
    if (on) next.add(id)
    else next.delete(id)
    hidden.value = next
  }

  /** Writes the deletion offered now, if any: its undo window is closed. */
  async function commit(): Promise<void> {
    const item = current.value
    if (!item) return
    if (timer) clearTimeout(timer)
    timer = null
    current.value = null
    let message: string | null = null
    try {
      const r = await item.commit()
      if (!r.ok) message = r.error.message
    } catch (e) {
      message = e instanceof Error ? e.message : String(e)
    }
    // Written: it stays out of the lists this window already holds (they were read before it was deleted).
    if (message === null) return
    hide(item.id, false)
    failure.value = message
    item.onFailed?.(message)
  }

  /** Offers a deletion for undo; a deletion still offered is written first (only one «Отменить» at a time). */
  async function schedule(item: PendingDeletion, windowMs = UNDO_WINDOW_MS): Promise<void> {
    await commit()
    failure.value = null
    current.value = item
    hide(item.id, true)
    timer = setTimeout(() => void commit(), windowMs)
  }

  /** «Отменить»: nothing was written, the record is shown again. */
  function undo(): void {
    const item = current.value
    if (!item) return
    if (timer) clearTimeout(timer)
    timer = null
    current.value = null
    hide(item.id, false)
    item.onUndo?.()
  }

  const isHidden = (id: string) => hidden.value.has(id)

  /**
   * A list read from the core without the records deleted in this window. Every list a record can be opened from
   * (the OSAGO and CASCO lists, the home screen, the inspection queue, the global search) passes through here, so a
   * draft waiting for its undo window is nowhere to be opened and «Отменить» brings it back everywhere at once (the
   * lists are computed from the hidden set). `idOf`: the record an item opens, when it is not the item's own `id`.
   */
  function visible<T extends { id: string }>(items: readonly T[]): T[]
  function visible<T>(items: readonly T[], idOf: (item: T) => string | null | undefined): T[]
  function visible<T>(items: readonly T[], idOf?: (item: T) => string | null | undefined): T[] {
    const ids = hidden.value
    const of = idOf ?? ((i: T) => (i as { id: string }).id)
    return items.filter((i) => {
      const id = of(i)
      return !id || !ids.has(id)
    })
  }

  return { current, hidden, failure, schedule, commit, undo, isHidden, visible }
})
