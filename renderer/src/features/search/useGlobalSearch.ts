import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { SearchHit } from '@shared/search/contract'
import { call } from '../../api/client'
import { usePendingDeletionsStore } from '../../stores/pendingDeletions'
import { groupHits, targetOf } from './searchHits'

/**
 * Short: a keystroke's answer should show while the clerk still looks at the field, yet a word typed at speed (a key
 * every 30–60 ms) asks the core once, not once per letter.
 */
export const SEARCH_DEBOUNCE_MS = 60
/** The contract's longest query; the field stops there so a pasted text is not refused. */
export const SEARCH_MAX_LENGTH = 100

/**
 * The global search's state: the query, the hits of the newest answer, whether an answer is awaited. Latest wins:
 * every query (an empty one too) takes a new generation, and an answer to an older generation is dropped — «Ив»
 * answering after «Иванов» must not replace its hits. An empty query asks nothing and clears the hits.
 */
export function useGlobalSearch(debounceMs = SEARCH_DEBOUNCE_MS) {
  const query = ref('')
  const hits = shallowRef<SearchHit[]>([])
  /** The query the shown hits answer (null: nothing asked yet), so «nothing found» is said only about a real answer. */
  const answered = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const pendingDeletions = usePendingDeletionsStore()
  // A draft deleted in this window is still in the core until its undo window closes: no hit opens it (a client hit
  // found on it neither), and «Отменить» shows it again.
  const groups = computed(() => groupHits(pendingDeletions.visible(hits.value, (h) => targetOf(h)?.params.id)))
  /** The hits in the order they are shown (grouped): what ↑/↓ walk through. */
  const shown = computed(() => groups.value.flatMap((g) => g.hits.map((s) => s.hit)))

  let generation = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  async function ask(text: string, mine: number): Promise<void> {
    const r = await call('search/global', { query: text })
    if (mine !== generation || disposed) return
    loading.value = false
    if (!r.ok) {
      error.value = r.error.message
      return
    }
    error.value = null
    hits.value = r.value.hits
    answered.value = text
  }

  watch(query, (value) => {
    clearTimeout(timer)
    const mine = ++generation
    const text = value.trim().slice(0, SEARCH_MAX_LENGTH)
    if (!text) {
      hits.value = []
      answered.value = null
      loading.value = false
      error.value = null
      return
    }
    loading.value = true
    timer = setTimeout(() => void ask(text, mine), debounceMs)
  })

  /** Back to an empty search (the dialog closed): a pending answer is dropped by the new generation. */
  function clear(): void {
    query.value = ''
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true
      clearTimeout(timer)
    })
  }

  return { query, hits, groups, shown, answered, loading, error, clear }
}
