import { ref } from 'vue'
import { call } from '../../api/client'

/**
 * Streets suggested from addresses already typed in this branch (until HQ ships a street directory). Asked a
 * moment after the clerk stops typing, so a word typed quickly is one question, not one per letter.
 */
export function useStreetSuggestions(delayMs = 250) {
  const suggestions = ref<string[]>([])
  let timer: ReturnType<typeof setTimeout> | undefined

  /** `address` is read when the question is asked and again when it is answered: the clerk may type meanwhile. */
  function suggest(address: () => { region: string; city: string; street: string }): void {
    clearTimeout(timer)
    timer = setTimeout(async () => {
      const asked = address()
      if (!asked.region) return
      const r = await call('osago/suggest-streets', { region: asked.region, city: asked.city, prefix: asked.street })
      // The street as it stands now is not suggested back to the clerk.
      suggestions.value = r.ok ? r.value.filter((s) => s !== address().street) : []
    }, delayMs)
  }

  return { suggestions, suggest }
}
