import { ref } from 'vue'
import type { ExpiringContract } from '@shared/renewal/contract'
import { call } from '../../api/client'
import { useAction } from '../../composables/useAction'
import { useRecordList } from '../../composables/useRecordList'

/**
 * The worklist «Истекают в ближайшие 60 дней»: the branch's contracts ending soon, page by page, and the renewal a
 * row starts (or opens, when one was started before). The window's length comes with each page (reference data).
 */
export function useRenewalList() {
  const days = ref<number | null>(null)
  const list = useRecordList({
    filters: {},
    pageSize: 50,
    fetchPage: async (_filters, page) => {
      const r = await call('renewal/list-expiring', page)
      if (r.ok) days.value = r.value.days
      return r
    },
  })
  const action = useAction()

  /** Starts the row's renewal: the new draft's (or quote's) id, or null with the refusal in `action.error`. */
  function renew(item: ExpiringContract): Promise<string | null> {
    return action.run(`renew-${item.id}`, async () => {
      const r =
        item.product === 'osago'
          ? await call('osago/renew-policy', { id: item.id })
          : await call('casco/renew-contract', { id: item.id })
      return r.ok ? { ok: true as const, value: r.value.id } : r
    })
  }

  return { ...list, days, renew, renewing: action.running, renewError: action.error }
}
