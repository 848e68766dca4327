import { toRaw } from 'vue'

/**
 * The local safety net of an autosaved form: a synchronous copy in localStorage on every change, so what was
 * typed inside the autosave delay survives a crash or a reload; cleared once the core has the same draft.
 */
export function draftBackup<T>(prefix: string) {
  const key = (id: string) => `branch-desk.${prefix}.${id}`
  return {
    write(id: string, draft: T): void {
      try {
        localStorage.setItem(key(id), JSON.stringify(toRaw(draft)))
      } catch {
        // Storage full or disabled: the autosave still runs; only the last moments are at risk.
      }
    },
    read(id: string): T | null {
      const text = localStorage.getItem(key(id))
      return text ? (JSON.parse(text) as T) : null
    },
    clear(id: string): void {
      localStorage.removeItem(key(id))
    },
  }
}

/** A plain copy of reactive form state for IPC (structuredClone refuses Vue's proxies). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(toRaw(value))) as T
}
