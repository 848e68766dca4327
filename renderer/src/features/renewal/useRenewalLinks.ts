import { ref, watch, type Ref } from 'vue'
import type { RenewalLinks, RenewalProduct } from '@shared/renewal/contract'
import { call } from '../../api/client'

/**
 * A contract's renewal links for its form: what it renews and what renews it. Asked again when the form shows
 * another record or its status moves (a renewal issued meanwhile shows its number).
 */
export function useRenewalLinks(product: () => RenewalProduct, id: () => string, status: () => string) {
  const links: Ref<RenewalLinks | null> = ref(null)
  let asked = 0
  async function load() {
    const mine = ++asked
    const r = await call('renewal/get-links', { product: product(), id: id() })
    if (mine === asked) links.value = r.ok ? r.value : null
  }
  watch([product, id, status], () => void load(), { immediate: true })
  return { links }
}
