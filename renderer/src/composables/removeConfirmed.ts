import { useConfirmStore, type ConfirmRequest } from '../stores/confirm'

/**
 * Removes a row of a draft's list (a driver, an option, an item of equipment) — saved with the draft at once, so it
 * cannot wait for an undo window — after asking when `question` is given (null: nothing typed, nothing to lose, no
 * question). The row itself is removed, wherever it is by then: the list may change while the question is open.
 * True when it was removed.
 */
export async function removeConfirmed<T>(list: T[], item: T | undefined, question: ConfirmRequest | null) {
  if (item === undefined) return false
  if (question && !(await useConfirmStore().ask(question))) return false
  const at = list.indexOf(item)
  if (at < 0) return false
  list.splice(at, 1)
  return true
}
