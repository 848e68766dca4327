import { defineStore } from 'pinia'
import { ref } from 'vue'

/** A question before a destructive action that cannot wait for an undo window (it takes effect at once). */
export interface ConfirmRequest {
  title: string
  /** What will be lost, in the clerk's words. */
  text: string
  /** The button that does it, named for what it does («Отключить», «Удалить фото»), never a bare «OK». */
  confirmLabel: string
}

export const useConfirmStore = defineStore('confirm', () => {
  const request = ref<ConfirmRequest | null>(null)
  let answer: ((yes: boolean) => void) | null = null

  /** Opens the dialog; true when the clerk confirms, false on «Отмена», Escape or a click outside. */
  function ask(r: ConfirmRequest): Promise<boolean> {
    answer?.(false)
    request.value = r
    return new Promise((resolve) => (answer = resolve))
  }

  function close(yes: boolean): void {
    request.value = null
    const done = answer
    answer = null
    done?.(yes)
  }

  return { request, ask, close }
})
