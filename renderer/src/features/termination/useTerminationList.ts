import type { ApplicationStatus } from '@shared/termination/application'
import { call } from '../../api/client'
import { presentFilters, useRecordList } from '../../composables/useRecordList'

/** The termination list screen's data: applications by number, name, contract or status. */
export function useTerminationList() {
  return useRecordList({
    filters: { query: '' as string | null, status: null as ApplicationStatus | null },
    fetchPage: (filters, page) => call('termination/list-applications', { ...presentFilters(filters), ...page }),
  })
}
