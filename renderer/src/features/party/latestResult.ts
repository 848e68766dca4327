import { ref, type Ref } from 'vue'

/**
 * A live result (the premium beside a form) fetched from the core as the clerk types. Answers can come back out
 * of order, so only the answer to the newest request is kept; and between an edit and that answer the result is
 * stale, so its field errors are not shown — a stale error appearing on blur would jump the layout under the
 * clerk's pointer and name a problem the field no longer has.
 */
export function latestResult<T>(fetch: () => Promise<T | undefined>) {
  const value: Ref<T | null> = ref(null)
  const stale = ref(false)
  let seq = 0

  async function refresh(): Promise<void> {
    const mine = ++seq
    stale.value = true
    const next = await fetch()
    if (mine !== seq) return
    stale.value = false
    if (next !== undefined) value.value = next
  }

  /** An edit was made: what is shown no longer matches the form until the next refresh answers. */
  function invalidate(): void {
    seq += 1
    stale.value = true
  }

  return { value, stale, refresh, invalidate }
}
