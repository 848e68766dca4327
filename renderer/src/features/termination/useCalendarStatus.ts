import { ref, type Ref } from 'vue'
import type { CalendarStatus } from '@shared/reference/productionCalendarStatus'
import { call } from '../../api/client'

/** Asked once for every mark a screen mounts at the same time (a dashboard list), again for the next screen. */
let pending: Promise<CalendarStatus | null> | null = null

function fetchStatus(): Promise<CalendarStatus | null> {
  pending ??= call('calendar/get-status')
    .then((r) => (r.ok ? r.value : null))
    .finally(() => {
      pending = null
    })
  return pending
}

/**
 * Which years of the production calendar a decree confirms, asked for by each screen that shows a deadline (an HQ
 * update may arrive while the app runs). Until the answer comes nothing is marked.
 */
export function useCalendarStatus(): Ref<CalendarStatus | null> {
  const status = ref<CalendarStatus | null>(null)
  void fetchStatus().then((s) => {
    status.value = s
  })
  return status
}
