import type { OsagoStatus } from '@shared/osago/policy'
import { call } from '../../api/client'
import { presentFilters, useRecordList } from '../../composables/useRecordList'

/** The OSAGO list screen's data: applications and policies by number, name, plate or VIN, status and start date. */
export function useOsagoList() {
  const list = useRecordList({
    filters: { query: '' as string | null, status: null as OsagoStatus | null, dateFrom: '', dateTo: '' },
    fetchPage: (filters, page) => call('osago/list-policies', { ...presentFilters(filters), ...page }),
  })

  /** A new draft application; its id, or null with the reason shown in the list's error banner. */
  async function createDraft(): Promise<string | null> {
    const r = await call('osago/create-draft')
    if (r.ok) return r.value.id
    list.error.value = r.error.message
    return null
  }

  return { ...list, createDraft }
}
