import { ref, watch, type Ref } from 'vue'

/**
 * A yes/no the clerk chose on a screen (a panel folded away) kept for the rest of the window's session, so the next
 * policy opens the way the last one was left; sessionStorage, not the core: it is a matter of taste, not a record.
 */
export function useSessionFlag(key: string, initial: boolean): Ref<boolean> {
  const storageKey = `branchDesk.${key}`
  const stored = sessionStorage.getItem(storageKey)
  const flag = ref(stored === null ? initial : stored === '1')
  watch(flag, (v) => sessionStorage.setItem(storageKey, v ? '1' : '0'))
  return flag
}
