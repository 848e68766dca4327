import type { CascoQuoteForInspection } from '@shared/casco/contract'
import type { InspectionStatus } from '@shared/inspection/inspection'
import { call } from '../../api/client'
import { presentFilters, useRecordList } from '../../composables/useRecordList'
import { usePendingDeletionsStore } from '../../stores/pendingDeletions'

/** The inspection list screen's data: the inspector's own inspections (the supervisor's: the branch's). */
export function useInspectionList() {
  const list = useRecordList({
    filters: { query: '' as string | null, status: null as InspectionStatus | null },
    fetchPage: (filters, page) => call('inspection/list', { ...presentFilters(filters), ...page }),
  })

  const pendingDeletions = usePendingDeletionsStore()
  /**
   * CASCO quotes waiting for an inspection; none when the core cannot say (a walk-in check is still possible). A quote
   * deleted in this window is not offered (its deletion may not be written yet).
   */
  async function quotesWaiting(): Promise<CascoQuoteForInspection[]> {
    const r = await call('casco/list-for-inspection')
    return r.ok ? pendingDeletions.visible(r.value) : []
  }

  /** A new inspection for the quote (or none); its id, or null with the reason shown in the error banner. */
  async function create(quoteId: string | null): Promise<string | null> {
    const r = await call('inspection/create', { quoteId })
    if (r.ok) return r.value.id
    list.error.value = r.error.message
    return null
  }

  return { ...list, quotesWaiting, create }
}
