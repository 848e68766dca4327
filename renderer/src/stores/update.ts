import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UpdateStatus } from '@shared/update/contract'
import { call } from '../api/client'

/**
 * The app update as the core's state machine reports it: the status bar's banner and the settings card show the
 * same status, so a check started on the settings screen is what the banner then shows.
 */
export const useUpdateStore = defineStore('update', () => {
  const status = ref<UpdateStatus | null>(null)

  async function refresh(): Promise<UpdateStatus | null> {
    const r = await call('update/get-status')
    if (r.ok) status.value = r.value
    return status.value
  }

  async function checkNow() {
    const r = await call('update/check-now')
    if (r.ok) status.value = r.value
    return r
  }

  /** The core refuses while a window reports unsaved forms; the refusal says which. */
  const installNow = () => call('update/install-now')

  return { status, refresh, checkNow, installNow }
})
