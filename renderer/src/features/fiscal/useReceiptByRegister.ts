import { onMounted, ref, type Ref } from 'vue'
import { call } from '../../api/client'

/**
 * Whether this computer's register prints the receipts (core/fiscal): the payment dialogs then say the receipt's
 * number may be left empty: the core takes the register's receipt instead (core/payments takeReceipt).
 */
export function useReceiptByRegister(): Ref<boolean> {
  const byRegister = ref(false)
  onMounted(async () => {
    const r = await call('fiscal/get-settings', {})
    byRegister.value = r.ok && r.value.driver !== 'none'
  })
  return byRegister
}
