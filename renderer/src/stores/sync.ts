import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SyncStatus } from '@shared/sync/contract'
import { call } from '../api/client'

/**
 * Sync state for the status bar and the sync screen, polled from the core (which probes HQ itself: the
 * renderer never guesses connectivity from browser flags). Polling is passive: it does not keep a session awake.
 */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null)
  const running = ref(false)
  let timer: ReturnType<typeof setInterval> | null = null

  async function refresh(): Promise<SyncStatus | null> {
    const r = await call('sync/get-status')
    status.value = r.ok ? r.value : null
    return status.value
  }

  /** Faster while something moves (a run, a long upload), slower when idle. */
  function startPolling(): void {
    stopPolling()
    const tick = async () => {
      await refresh()
      const busy = status.value?.state === 'syncing' || status.value?.transfer !== null
      if (timer) clearInterval(timer)
      timer = setInterval(() => void tick(), busy ? 700 : 4000)
    }
    void tick()
  }

  function stopPolling(): void {
    if (timer) clearInterval(timer)
    timer = null
  }

  async function syncNow() {
    running.value = true
    try {
      const r = await call('sync/sync-now')
      if (r.ok) status.value = r.value.status
      return r
    } finally {
      running.value = false
    }
  }

  return { status, running, refresh, startPolling, stopPolling, syncNow }
})
