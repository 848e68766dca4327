import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { ContractInstalments, DueInstalment, DueListStatus } from '@shared/payments/instalmentsContract'
import { call } from '../../api/client'
import { useRecordList } from '../../composables/useRecordList'

/**
 * CASCO instalments (docs/domain/payments.md#casco-instalments): the due list «Взносы КАСКО» filtered by status and
 * searched, page by page, with the counts per status and the reminder window of the terms in force.
 */
export function useInstalmentList() {
  const counts = ref<Record<DueListStatus, number> | null>(null)
  const today = ref<string | null>(null)
  const reminderDays = ref<number | null>(null)
  const list = useRecordList({
    filters: { statuses: [] as DueListStatus[], query: '' },
    pageSize: 50,
    fetchPage: async (f, page) => {
      const r = await call('payments/list-instalments', {
        ...(f.statuses.length ? { statuses: [...f.statuses] } : {}),
        ...(f.query.trim() ? { query: f.query.trim() } : {}),
        ...page,
      })
      if (r.ok) {
        counts.value = r.value.counts
        today.value = r.value.today
        reminderDays.value = r.value.reminderDaysBefore
      }
      return r
    },
  })
  return { ...list, counts, today, reminderDays }
}

/** Taking an instalment: the core checks it against the schedule and answers the contract's schedule after it. */
export function acceptInstalment(input: ChannelInput<'payments/accept-instalment'>) {
  return call('payments/accept-instalment', input)
}

/** One contract's schedule with what is paid (the CASCO contract view). */
export async function loadContractInstalments(id: string): Promise<ContractInstalments | null> {
  const r = await call('payments/get-contract-instalments', { id })
  return r.ok ? r.value : null
}

/** The home screen's call-out: instalments in the reminder window, due, in grace or overdue (the first `limit`). */
export async function loadInstalmentsToCollect(
  limit: number,
): Promise<{ items: DueInstalment[]; total: number } | null> {
  const r = await call('payments/list-instalments', {
    statuses: ['reminder', 'due', 'grace', 'overdue'],
    limit,
    offset: 0,
  })
  return r.ok ? { items: r.value.items, total: r.value.total } : null
}
