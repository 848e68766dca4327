import { ref } from 'vue'
import type { CashDayView } from '@shared/payments/contract'
import type { JournalEntry, MoneyMethod, PaymentPurpose } from '@shared/payments/payment'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'
import { useRecordList } from '../../composables/useRecordList'

/**
 * «Касса» (docs/domain/payments.md#cash-day): one business day's journal, filtered by clerk, method and purpose, a
 * page at a time; the day's cash report with its status; closing the day and reversing a payment.
 */
export function useCashDesk(startDay: string) {
  const cashDay = ref<CashDayView | null>(null)
  const list = useRecordList({
    filters: {
      day: startDay,
      clerkId: null as string | null,
      method: null as MoneyMethod | null,
      purpose: null as PaymentPurpose | null,
    },
    pageSize: 50,
    debounceMs: 0,
    fetchPage: (f, page) =>
      call('payments/list-journal', {
        day: f.day,
        ...(f.clerkId ? { clerkId: f.clerkId } : {}),
        ...(f.method ? { method: f.method } : {}),
        ...(f.purpose ? { purpose: f.purpose } : {}),
        ...page,
      }),
  })
  const action = useAction()

  async function loadReport(): Promise<void> {
    const r = await call('payments/cash-report', { day: list.filters.day })
    if (r.ok) cashDay.value = r.value
    else action.error.value = r.error.message
  }

  async function closeDay(): Promise<boolean> {
    const done = await action.run('close', () =>
      call('payments/close-day', {
        day: list.filters.day,
        ...(cashDay.value?.rowVersion ? { rowVersion: cashDay.value.rowVersion } : {}),
      }),
    )
    if (!done) return false
    cashDay.value = done
    await list.reload()
    return true
  }

  async function reverse(entry: JournalEntry, reason: string, receiptNumber: string): Promise<JournalEntry | null> {
    const done = await action.run('reverse', () =>
      call('payments/reverse-payment', {
        id: entry.id,
        reason,
        ...(receiptNumber.trim() ? { receiptNumber: receiptNumber.trim() } : {}),
      }),
    )
    if (done) await Promise.all([list.reload(), loadReport()])
    return done
  }

  return { ...list, cashDay, loadReport, closeDay, reverse, running: action.running, actionError: action.error }
}
