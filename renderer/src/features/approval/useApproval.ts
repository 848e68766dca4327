import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { QueueScope } from '@shared/approval/contract'
import type { InspectionChecklistData } from '@shared/inspection/checklist'
import type { Inspection } from '@shared/inspection/inspection'
import type { InspectionSummary } from '@shared/inspection/summary'
import { call } from '../../api/client'
import { presentFilters, useRecordList } from '../../composables/useRecordList'

/** The supervisors' queue: one scope at a time, searched by name, plate or VIN; the core answers it whole. */
export function useApprovalQueue() {
  return useRecordList({
    filters: { scope: 'ready' as QueueScope, query: '' as string | null },
    fetchPage: async (filters) => {
      const r = await call('approval/list-queue', presentFilters(filters))
      return r.ok ? { ok: true, value: { items: r.value.items, total: r.value.items.length } } : r
    },
  })
}

/** One case and the supervisor's decision on it. */
export function useApprovalCase() {
  return {
    getCase: (quoteId: string) => call('approval/get-case', { quoteId }),
    decide: (input: ChannelInput<'approval/decide'>) => call('approval/decide', input),
  }
}

/** The inspection report as the supervisor reads it, with the checklist version it was made against. */
export function useInspectionReport() {
  const inspection = ref<Inspection | null>(null)
  const checklist = ref<InspectionChecklistData | null>(null)
  const error = ref<string | null>(null)
  let asked = 0

  async function load(summary: InspectionSummary): Promise<void> {
    const mine = ++asked
    const [i, r] = await Promise.all([
      call('inspection/get', { id: summary.id }),
      call('inspection/get-reference', { version: summary.checklistVersion }),
    ])
    // A resubmitted report asks again; an answer to the earlier question must not replace the newer one.
    if (mine !== asked) return
    if (!i.ok) {
      error.value = i.error.message
      return
    }
    inspection.value = i.value
    if (r.ok) checklist.value = r.value.checklist
  }

  return { inspection, checklist, error, load }
}
