import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ChannelInput } from '@shared/contract'
import type { SyncIssue, SyncStatus } from '@shared/sync/contract'
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

  /** The admin enrols this device with HQ's one-time code; the answer is the new sync status. */
  async function enrol(input: ChannelInput<'sync/enrol'>) {
    const r = await call('sync/enrol', input)
    if (r.ok) status.value = r.value
    return r
  }

  /** First run on a second computer: enrol instead of creating a branch (the branch then arrives by pull). */
  const enrolNewDevice = (input: ChannelInput<'sync/enrol-new-device'>) => call('sync/enrol-new-device', input)

  /** Changes HQ did not take; acknowledging one marks it seen and changes the unseen count in the status. */
  const issues = ref<SyncIssue[]>([])
  const issuesTotal = ref(0)
  async function loadIssues(): Promise<void> {
    const r = await call('sync/list-issues', { limit: 100, offset: 0 })
    if (r.ok) {
      issues.value = r.value.items
      issuesTotal.value = r.value.total
    }
  }
  async function markIssueSeen(id: string): Promise<void> {
    const r = await call('sync/mark-issue-seen', { id })
    if (r.ok) {
      await loadIssues()
      await refresh()
    }
  }

  /** Offline transfer: both files are chosen in the system's dialogs, which the core opens. */
  const exportBundle = () => call('sync/export-bundle')
  const importAnswer = () => call('sync/import-answer')

  return {
    status,
    running,
    refresh,
    startPolling,
    stopPolling,
    syncNow,
    enrol,
    enrolNewDevice,
    issues,
    issuesTotal,
    loadIssues,
    markIssueSeen,
    exportBundle,
    importAnswer,
  }
})
