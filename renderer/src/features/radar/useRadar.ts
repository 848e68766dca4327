import { ref } from 'vue'
import type { Radar, RadarKind } from '@shared/radar/contract'
import { call } from '../../api/client'

/** The radar of the branch's dates from the core (radar/get): the kinds this role may open, filtered on request. */
export function useRadar() {
  const radar = ref<Radar | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)

  async function load(kinds?: RadarKind[]): Promise<void> {
    loading.value = true
    try {
      const r = await call('radar/get', kinds?.length ? { kinds } : undefined)
      if (r.ok) {
        radar.value = r.value
        error.value = null
      } else error.value = r.error.message
    } finally {
      loading.value = false
    }
  }

  return { radar, error, loading, load }
}
