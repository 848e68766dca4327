import { reactive, ref } from 'vue'
import { call } from '../../api/client'

type Variant = 'thumb' | 'normal'

/**
 * Images asked of the core once and kept while the app runs (a photo never changes: its id names fixed bytes).
 * Normalised copies are large, so only the last few stay; thumbnails are small and all stay.
 */
const cache = reactive(new Map<string, string>())
/** Why an image could not be had (a photo taken on another computer while HQ is out of reach). */
const failed = reactive(new Map<string, string>())
const pending = new Map<string, Promise<string | null>>()
/** Images being asked for now: a photo from another computer can take a while to come from HQ. */
export const imagesInFlight = ref(0)
const normalOrder: string[] = []
const NORMAL_KEPT = 6

export function imageUrl(photoId: string, variant: Variant): string | undefined {
  return cache.get(`${photoId}:${variant}`)
}

export function imageError(photoId: string, variant: Variant): string | undefined {
  return failed.get(`${photoId}:${variant}`)
}

export function loadImage(photoId: string, variant: Variant): Promise<string | null> {
  const key = `${photoId}:${variant}`
  const have = cache.get(key)
  if (have) return Promise.resolve(have)
  let p = pending.get(key)
  if (!p) {
    failed.delete(key)
    imagesInFlight.value++
    p = call('photos/get-image', { photoId, variant }).then((r) => {
      pending.delete(key)
      imagesInFlight.value--
      if (!r.ok) {
        failed.set(key, r.error.message)
        return null
      }
      cache.set(key, r.value.dataUrl)
      if (variant === 'normal') {
        normalOrder.push(key)
        while (normalOrder.length > NORMAL_KEPT) cache.delete(normalOrder.shift()!)
      }
      return r.value.dataUrl
    })
    pending.set(key, p)
  }
  return p
}
