import { computed, getCurrentScope, onScopeDispose, reactive, ref, shallowRef, toRaw, watch, type UnwrapRef } from 'vue'
import type { ListPage } from '@shared/contract/listPage'
import type { Result } from '@shared/contract/result'

export type { ListPage }

export interface RecordListOptions<F extends object, T> {
  /** The filters' starting values; the search box is one of them. Every change reloads from the first page. */
  filters: F
  /** One page from the core. Filters come as the screen holds them; the feature's composable maps them to input. */
  fetchPage: (filters: Readonly<UnwrapRef<F>>, page: { limit: number; offset: number }) => Promise<Result<ListPage<T>>>
  pageSize?: number
  /** Typing waits this long after the last key before asking the core, so a search is one call, not one per key. */
  debounceMs?: number
}

/**
 * The state of a list screen (OSAGO, CASCO, inspections, terminations): filters, the rows loaded so far, «load
 * more», loading and error. Answers can come back out of order — a search for «Ив» may answer after the one for
 * «Иванов» — so every request carries a generation and only the newest generation's answer is kept; a page asked
 * for by «load more» belongs to the generation it extends and is dropped when the filters changed meanwhile.
 */
export function useRecordList<F extends object, T>(options: RecordListOptions<F, T>) {
  const pageSize = options.pageSize ?? 100
  const debounceMs = options.debounceMs ?? 250
  const filters = reactive(structuredClone(options.filters))
  const items = shallowRef<T[]>([])
  const total = ref(0)
  /** `total` is a lower bound (the core counts a big list only so far ahead): shown as «N+». */
  const totalAtLeast = ref(false)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref<string | null>(null)
  const hasMore = computed(() => items.value.length < total.value)

  let generation = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  function snapshot(): Readonly<UnwrapRef<F>> {
    return structuredClone(toRaw(filters)) as Readonly<UnwrapRef<F>>
  }

  /** Reloads from the first page now (after a filter change, a create, or a retry). */
  async function reload(): Promise<void> {
    clearTimeout(timer)
    const mine = ++generation
    loading.value = true
    loadingMore.value = false
    const r = await options.fetchPage(snapshot(), { limit: pageSize, offset: 0 })
    if (mine !== generation || disposed) return
    loading.value = false
    if (!r.ok) {
      error.value = r.error.message
      return
    }
    error.value = null
    items.value = r.value.items
    total.value = r.value.total
    totalAtLeast.value = r.value.totalAtLeast === true
  }

  /** Appends the next page of the current filters; a no-op while a load runs or when everything is shown. */
  async function loadMore(): Promise<void> {
    if (loading.value || loadingMore.value || !hasMore.value) return
    const mine = generation
    loadingMore.value = true
    const r = await options.fetchPage(snapshot(), { limit: pageSize, offset: items.value.length })
    if (mine !== generation || disposed) return
    loadingMore.value = false
    if (!r.ok) {
      error.value = r.error.message
      return
    }
    error.value = null
    items.value = [...items.value, ...r.value.items]
    total.value = r.value.total
    totalAtLeast.value = r.value.totalAtLeast === true
  }

  watch(
    filters,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void reload(), debounceMs)
    },
    { deep: true },
  )

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true
      clearTimeout(timer)
    })
  }
  void reload()

  return { filters, items, total, totalAtLeast, loading, loadingMore, error, hasMore, reload, loadMore }
}

/** The input fields a list channel takes: empty search and unset filters are left out, as the core expects. */
export function presentFilters<F extends object>(filters: F): { [K in keyof F]?: Exclude<F[K], null | ''> } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(filters)) if (v !== null && v !== undefined && v !== '') out[k] = v
  return out as { [K in keyof F]?: Exclude<F[K], null | ''> }
}
