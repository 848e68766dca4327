import { reactive } from 'vue'
import { call } from '../../api/client'

type Variant = 'thumb' | 'normal'

/**
 * Images asked of the core once and kept while the app runs (a photo never changes: its id names fixed bytes).
 * Normalised copies are large, so only the last few stay; thumbnails are small and all stay.
 */
const cache = reactive(new Map<string, string>())
const pending = new Map<string, Promise<string | null>>()
const normalOrder: string[] = []
const NORMAL_KEPT = 6

export function imageUrl(photoId: string, variant: Variant): string | undefined {
  return cache.get(`${photoId}:${variant}`)
}

export function loadImage(photoId: string, variant: Variant): Promise<string | null> {
  const key = `${photoId}:${variant}`
  const have = cache.get(key)
  if (have) return Promise.resolve(have)
  let p = pending.get(key)
  if (!p) {
    p = call('photos/get-image', { photoId, variant }).then((r) => {
      pending.delete(key)
      if (!r.ok) return null
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
