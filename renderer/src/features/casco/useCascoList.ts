import type { CascoQuoteStatus } from '@shared/casco/contract'
import { call } from '../../api/client'
import { presentFilters, useRecordList } from '../../composables/useRecordList'

/** The CASCO list screen's data: quotes and contracts by number, plate, VIN, surname or model, and status. */
export function useCascoList() {
  const list = useRecordList({
    filters: { query: '' as string | null, status: null as CascoQuoteStatus | null },
    fetchPage: (filters, page) => call('casco/list-quotes', { ...presentFilters(filters), ...page }),
  })

  /** A new quote; its id, or null with the reason shown in the list's error banner. */
  async function createQuote(): Promise<string | null> {
    const r = await call('casco/create-quote')
    if (r.ok) return r.value.id
    list.error.value = r.error.message
    return null
  }

  return { ...list, createQuote }
}
