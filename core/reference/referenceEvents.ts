import type { ReferenceData } from './loadReferenceData'

/**
 * Who wants to know when the live reference data of a running core changed in place (an HQ update installed by
 * sync, core/sync/referenceUpdates.ts). Keyed by the live object, so several cores in one process (tests, the E2E
 * harness) never hear each other.
 */
const listeners = new WeakMap<ReferenceData, Set<() => void>>()

export function onReferenceReloaded(reference: ReferenceData, listener: () => void): () => void {
  let set = listeners.get(reference)
  if (!set) listeners.set(reference, (set = new Set()))
  set.add(listener)
  return () => set.delete(listener)
}

/**
 * Tells the listeners the data changed. Called inside the pull's database transaction, so a listener must not wait
 * for the database here: it schedules its work and returns.
 */
export function referenceReloaded(reference: ReferenceData): void {
  for (const listener of listeners.get(reference) ?? []) listener()
}
